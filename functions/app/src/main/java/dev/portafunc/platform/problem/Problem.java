package dev.portafunc.platform.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Duration;

/**
 * An RFC 9457 problem: what went wrong, in terms a caller can act on. The same problem is served over HTTP, in a
 * CloudEvent and in a Lambda proxy response.
 *
 * @param type a URI naming the kind of problem, documented in the README
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what happened in this occurrence
 * @param field the request field at fault, for bad input
 * @param retryAfter how long the caller should wait before trying again, sent as the Retry-After header
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String field,
        @JsonIgnore Duration retryAfter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The Retry-After header value in whole seconds, rounded up, or null. */
    @JsonIgnore
    public String retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(seconds, 1));
    }
}
