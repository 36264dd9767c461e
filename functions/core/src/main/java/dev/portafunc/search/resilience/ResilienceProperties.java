package dev.portafunc.search.resilience;

import dev.portafunc.search.SearchProviderOption.Upstream;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How calls to a remote search service (Google, SearXNG, a deployed search function) are guarded: cached, retried,
 * and cut off by a circuit breaker when it keeps failing.
 *
 * @param cacheTtl how long results are kept; 0 for no cache
 * @param cacheMaximumSize how many results are kept at most
 * @param maxAttempts attempts per search, the first included; 1 for no retry
 * @param initialBackoff the wait before the first retry, randomised and doubled each time
 * @param maxBackoff the longest wait between attempts
 * @param maxRetryAfter the longest Retry-After worth waiting for; a longer one goes to the caller as its own
 * @param breakerWindow how many recent calls the circuit breaker judges
 * @param breakerFailureRate the percentage of failures among them that opens the circuit
 * @param breakerOpenFor how long an open circuit answers 503 at once before it tries the upstream again
 */
@ConfigurationProperties("portafunc.search.resilience")
public record ResilienceProperties(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("10000") long cacheMaximumSize,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("2s") Duration maxRetryAfter,
        @DefaultValue("20") int breakerWindow,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("30s") Duration breakerOpenFor) {

    /** The settings for one upstream, with its own limits. */
    public ResilienceSettings settings(Upstream upstream) {
        return new ResilienceSettings(
                cacheTtl,
                cacheMaximumSize,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxRetryAfter,
                breakerWindow,
                breakerFailureRate,
                breakerOpenFor,
                upstream.callsPerSecond(),
                upstream.dailyQuota(),
                upstream.quotaZone());
    }
}
