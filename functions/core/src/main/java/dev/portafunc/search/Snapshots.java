package dev.portafunc.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The upstream clients of this process, for a process that is snapshotted and restored, as AWS Lambda SnapStart (or any
 * CRaC checkpoint) does: a snapshot is restored as many copies, so none may carry a client's open connections, or a
 * cached answer or token whose age the copies cannot tell. Each client registers itself once it is made; whoever hosts
 * the functions calls {@link #beforeSnapshot()} just before the snapshot, and each client then drops what it holds and
 * makes it again, lazily, on its next call. Clients are held weakly: one no longer used is not kept for this.
 */
public final class Snapshots {

    /** A client with something to drop before a snapshot. */
    @FunctionalInterface
    public interface Hook {

        /** Drops open connections and cached, time-bound state; the next call makes them again. */
        void beforeSnapshot();
    }

    private static final Set<Hook> HOOKS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private Snapshots() {}

    /** Registers a client; held weakly, so the client itself must be the hook (not a lambda made for the call). */
    public static void register(Hook hook) {
        HOOKS.add(hook);
    }

    /** Has every registered client drop what it holds; returns how many did. */
    public static int beforeSnapshot() {
        List<Hook> hooks;
        synchronized (HOOKS) {
            hooks = new ArrayList<>(HOOKS);
        }
        hooks.forEach(Hook::beforeSnapshot);
        return hooks.size();
    }
}
