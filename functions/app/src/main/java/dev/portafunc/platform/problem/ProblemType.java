package dev.portafunc.platform.problem;

import java.net.URI;
import java.time.Duration;

/** The kinds of problem portafunc reports, each with its status, title and type URI. */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input", "The request is not valid"),
    MALFORMED_BODY(400, "Malformed request body", "The request body could not be read"),
    MALFORMED_REQUEST(400, "Malformed request", "The request could not be read"),
    FORBIDDEN(403, "Forbidden", "This origin may not call the API: it is not in portafunc.web.cors.allowed-origins"),
    NOT_FOUND(404, "Not found", "There is no function or page at this path"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "This path does not take that method"),
    NOT_ACCEPTABLE(
            406,
            "Not acceptable",
            "The Accept header asks for no format this path answers in: the functions answer application/json, "
                    + "and manipulate also text/html, text/markdown and text/plain"),
    REQUEST_TIMEOUT(408, "Request timeout", "The request was not received in time"),
    BODY_TOO_LARGE(413, "Request body too large", "The request body is too large"),
    URI_TOO_LONG(414, "URI too long", "The request's URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "Send the body as application/json or text/plain"),
    TOO_MANY_REQUESTS(429, "Too many requests", "Too many requests; try again later"),
    HEADERS_TOO_LARGE(431, "Request headers too large", "The request's headers are too large"),
    INTERNAL(500, "Internal error", "The function failed unexpectedly; the failure is logged."),
    NOT_IMPLEMENTED(
            501,
            "Not implemented",
            "The request asks for something this server does not implement, such as a transfer coding"),
    UNAVAILABLE(503, "Unavailable", "This instance is not taking requests now; try again"),
    PROVIDER_REJECTED(502, "Search provider failed", "The search provider failed"),
    PROVIDER_CLOSED(
            502,
            "Search provider closed",
            "The search provider's API is closed to this project or has ended; move to another provider"),
    PROVIDER_UNAVAILABLE(503, "Search provider unavailable", "The search provider is unavailable"),
    QUOTA_EXCEEDED(503, "Search quota exceeded", "The search provider's quota is spent"),
    PROVIDER_TIMEOUT(504, "Search provider timed out", "The search provider did not answer in time");

    private final int status;
    private final String title;
    private final String detail;
    private final URI type;

    ProblemType(int status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.type = URI.create("urn:portafunc:problem:" + name().toLowerCase().replace('_', '-'));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return type;
    }

    public Problem problem(String detail) {
        return problem(detail, null, null);
    }

    /**
     * The problem with its detail, the input field it is about (or null), and how long to wait before trying again
     * (or null).
     */
    public Problem problem(String detail, String field, Duration retryAfter) {
        return new Problem(type, title, status, detail, field, retryAfter);
    }

    /** The problem with this type's standard detail. */
    public Problem problem() {
        return problem(detail);
    }

    public String detail() {
        return detail;
    }

    /** The type a problem is of. */
    public static ProblemType of(Problem problem) {
        for (ProblemType type : values()) {
            if (type.type.equals(problem.type())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Not a portafunc problem: " + problem.type());
    }

    /** The type for a status the HTTP server answered by itself, before any route: the closest one there is. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> BODY_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 501, 505 -> NOT_IMPLEMENTED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
