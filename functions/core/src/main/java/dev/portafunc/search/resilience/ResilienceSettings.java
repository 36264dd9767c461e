package dev.portafunc.search.resilience;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How calls to one upstream search service are guarded.
 *
 * @param cacheTtl how long results are kept; zero for no cache
 * @param cacheMaximumSize how many results are kept at most
 * @param maxAttempts attempts per call, the first included; 1 for no retry
 * @param initialBackoff the wait before the first retry, randomised (full jitter) and doubled each time
 * @param maxBackoff the longest wait between attempts
 * @param maxRetryAfter the longest Retry-After worth waiting for in process; a longer one is passed to the caller
 * @param breakerWindow how many recent calls the circuit breaker judges
 * @param breakerFailureRate the percentage of failed calls in that window that opens the circuit
 * @param breakerOpenFor how long an open circuit fails calls fast before it tries again
 * @param callsPerSecond portafunc's own limit on calls per second to this upstream, per instance; 0 for none
 * @param dailyQuota portafunc's own budget of calls per day to this upstream; 0 for none
 * @param quotaZone the time zone whose midnight resets the daily budget
 */
public record ResilienceSettings(
        Duration cacheTtl,
        long cacheMaximumSize,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int breakerWindow,
        float breakerFailureRate,
        Duration breakerOpenFor,
        int callsPerSecond,
        int dailyQuota,
        ZoneId quotaZone) {

    public ResilienceSettings {
        if (maxAttempts < 1 || breakerWindow < 1 || breakerFailureRate <= 0 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("Invalid resilience settings: " + maxAttempts + " attempts, window "
                    + breakerWindow + ", failure rate " + breakerFailureRate);
        }
    }

    /** Sensible settings for a paid, rate-limited API: used where a deployment sets nothing else. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(
                Duration.ofMinutes(10),
                10_000,
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                20,
                50,
                Duration.ofSeconds(30),
                0,
                0,
                ZoneId.of("UTC"));
    }
}
