package dev.portafunc.search;

import java.time.Duration;

/** portafunc's own limit on calls to a paid or rate-limited provider was reached (429); it says when to come back. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
