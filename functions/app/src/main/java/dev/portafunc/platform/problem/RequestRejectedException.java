package dev.portafunc.platform.problem;

/** An edge turned a request away before any function saw it: wrong method, content type, size or format asked. */
public class RequestRejectedException extends RuntimeException {

    private final ProblemType type;

    public RequestRejectedException(ProblemType type) {
        this(type, type.detail());
    }

    public RequestRejectedException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
