package dev.portafunc.platform.problem;

import java.net.URI;

/** The kinds of problem portafunc reports, each with its status, title and type URI. */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input", "The request is not valid"),
    MALFORMED_BODY(400, "Malformed request body", "The request body could not be read"),
    MALFORMED_REQUEST(400, "Malformed request", "The request could not be read"),
    NOT_FOUND(404, "Not found", "There is no function or page at this path"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "This path does not take that method"),
    NOT_ACCEPTABLE(
            406,
            "Not acceptable",
            "The Accept header asks for no format this path answers in: the functions answer application/json, "
                    + "and manipulate also text/html, text/markdown and text/plain"),
    BODY_TOO_LARGE(413, "Request body too large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "Send the body as application/json or text/plain"),
    TOO_MANY_REQUESTS(429, "Too many requests", "Too many requests; try again later"),
    INTERNAL(500, "Internal error", "The function failed unexpectedly; the failure is logged."),
    PROVIDER_REJECTED(502, "Search provider failed", "The search provider failed"),
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
        return new Problem(type, title, status, detail, null, null);
    }

    /** The problem with this type's standard detail. */
    public Problem problem() {
        return problem(detail);
    }

    public String detail() {
        return detail;
    }
}
