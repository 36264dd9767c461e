package dev.portafunc.search;

import java.time.Duration;
import java.util.Optional;

/**
 * A search provider, or a search function called over HTTP, did not give results. The message is safe to show to a
 * caller: it never carries a URL, a key or the provider's own error text.
 */
public class ProviderException extends RuntimeException {

    /** Why the provider failed, which decides the status a caller sees. */
    public enum Reason {
        /** The provider answered with an error: it rejected the call or failed itself (502). */
        REJECTED,
        /** The provider is unreachable, overloaded, or asked us to slow down (503). */
        UNAVAILABLE,
        /** The provider's quota for the day is spent (503 until it resets). */
        QUOTA_EXCEEDED,
        /** The provider did not answer in time (504). */
        TIMEOUT,
        /**
         * The provider's API is closed to this project or has ended, as Google's Custom Search JSON API is for projects
         * new to it and, from 2027-01-01, for everyone: no retry or change of settings brings it back (502).
         */
        CLOSED
    }

    private final String provider;
    private final Reason reason;
    private final Duration retryAfter;
    private final boolean retryable;

    public ProviderException(String provider, Reason reason, String detail) {
        this(provider, reason, detail, null, false);
    }

    public ProviderException(String provider, Reason reason, String detail, Duration retryAfter, boolean retryable) {
        super(detail, null, false, false);
        this.provider = provider;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /** The upstream failed in a way a later attempt may not: 5xx, a reset connection, a per-minute rate limit. */
    public static ProviderException transientFailure(
            String provider, Reason reason, String detail, Duration retryAfter) {
        return new ProviderException(provider, reason, detail, retryAfter, true);
    }

    public String provider() {
        return provider;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the provider asked callers to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether trying again soon may succeed: connection errors, 5xx and per-minute rate limits; never a rejection of
     * the request (400, 403), a spent daily quota, or a timeout (which would only stack waits).
     */
    public boolean isRetryable() {
        return retryable;
    }
}
