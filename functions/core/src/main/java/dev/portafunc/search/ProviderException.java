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
        TIMEOUT
    }

    private final String provider;
    private final Reason reason;
    private final Duration retryAfter;

    public ProviderException(String provider, Reason reason, String detail) {
        this(provider, reason, detail, null, null);
    }

    public ProviderException(String provider, Reason reason, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.provider = provider;
        this.reason = reason;
        this.retryAfter = retryAfter;
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
}
