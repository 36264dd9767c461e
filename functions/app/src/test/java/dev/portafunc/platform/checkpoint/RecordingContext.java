package dev.portafunc.platform.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;

/**
 * A CRaC context a test drives, as a JDK with CRaC (or Lambda's SnapStart runtime) drives the global one: it keeps the
 * resources registered, calls {@code beforeCheckpoint} in the reverse order of registration and {@code afterRestore}
 * in the order of registration. This JDK has no CRaC, and {@code org.crac}'s global context then holds nothing.
 */
final class RecordingContext extends Context<Resource> {

    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    synchronized List<Resource> resources() {
        return List.copyOf(resources);
    }

    /** What the runtime does just before it takes the snapshot. */
    void checkpoint() throws CheckpointException {
        beforeCheckpoint(this);
    }

    /** What the runtime does first in each copy restored from the snapshot. */
    void restore() throws RestoreException {
        afterRestore(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        for (Resource resource : resources().reversed()) {
            try {
                resource.beforeCheckpoint(this);
            } catch (Exception e) {
                CheckpointException failed = new CheckpointException();
                failed.addSuppressed(e);
                throw failed;
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        for (Resource resource : resources()) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                RestoreException failed = new RestoreException();
                failed.addSuppressed(e);
                throw failed;
            }
        }
    }
}
