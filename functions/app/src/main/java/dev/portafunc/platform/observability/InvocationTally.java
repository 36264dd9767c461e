package dev.portafunc.platform.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one invocation did upstream, for a transport that writes its metrics per invocation because nothing scrapes
 * them (AWS Lambda's Embedded Metric Format): the calls to each provider by outcome, and the searches answered from the
 * cache. The transport binds one to {@link #CURRENT} for the invocation; unbound, as on every other platform, counting
 * costs a check and nothing else.
 */
public final class InvocationTally {

    public static final ScopedValue<InvocationTally> CURRENT = ScopedValue.newInstance();

    /** Calls to one provider that ended one way ({@code success}, {@code unavailable}, {@code timeout} …). */
    public record Calls(String provider, String outcome) {}

    private final Map<Calls, Integer> calls = new LinkedHashMap<>(2);
    private int cacheHits;
    private String problem = "none";

    /** Counts a call to a provider, in the invocation bound, if any. */
    public static void providerCall(String provider, String outcome) {
        if (CURRENT.isBound()) {
            CURRENT.get().add(new Calls(provider, outcome));
        }
    }

    private synchronized void add(Calls call) {
        calls.merge(call, 1, Integer::sum);
    }

    synchronized int callsTo(String provider) {
        int count = 0;
        for (Map.Entry<Calls, Integer> entry : calls.entrySet()) {
            if (entry.getKey().provider().equals(provider)) {
                count += entry.getValue();
            }
        }
        return count;
    }

    synchronized void cacheHit() {
        cacheHits++;
    }

    /** The calls made, by provider and outcome, in the order first made. */
    public synchronized Map<Calls, Integer> providerCalls() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(calls));
    }

    public synchronized int providerCallCount() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int cacheHits() {
        return cacheHits;
    }

    /** The problem the invocation ended in ({@code invalid-input}), or {@code none}. */
    public synchronized String problem() {
        return problem;
    }

    public synchronized void problem(String problem) {
        this.problem = problem;
    }
}
