package dev.portafunc.platform.problem;

import java.net.URI;

/** The kinds of problem portafunc reports, each with its status, title and type URI. */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input"),
    MALFORMED_BODY(400, "Malformed request body"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    BODY_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL(500, "Internal error"),
    PROVIDER_REJECTED(502, "Search provider failed"),
    PROVIDER_UNAVAILABLE(503, "Search provider unavailable"),
    QUOTA_EXCEEDED(503, "Search quota exceeded"),
    PROVIDER_TIMEOUT(504, "Search provider timed out");

    private final int status;
    private final String title;
    private final URI type;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
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
}
