package dev.portafunc.platform.lambda;

import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;

/**
 * A direct invocation's failure, as Lambda sees it: a function error whose {@code errorType} (the exception's class,
 * as the runtime reports it) names the problem type, one class per type, such as {@code InvalidInputProblem} for a
 * caller's mistake or {@code ProviderUnavailableProblem} for an upstream's; its {@code errorMessage} is the problem's
 * status, title and detail. Lambda's Errors metric, retries, dead-letter queues and destinations all see it; no stack
 * trace goes with it.
 */
public abstract sealed class FunctionError extends RuntimeException {

    FunctionError(String message) {
        super(message, null, false, false);
    }

    /** The error for a problem. */
    static FunctionError of(Problem problem) {
        String message = problem.status() + " " + problem.title() + ": " + problem.detail()
                + (problem.field() == null ? "" : " (field " + problem.field() + ")");
        return switch (ProblemType.of(problem)) {
            case INVALID_INPUT -> new InvalidInputProblem(message);
            case MALFORMED_BODY -> new MalformedBodyProblem(message);
            case MALFORMED_REQUEST -> new MalformedRequestProblem(message);
            case FORBIDDEN -> new ForbiddenProblem(message);
            case NOT_FOUND -> new NotFoundProblem(message);
            case METHOD_NOT_ALLOWED -> new MethodNotAllowedProblem(message);
            case NOT_ACCEPTABLE -> new NotAcceptableProblem(message);
            case REQUEST_TIMEOUT -> new RequestTimeoutProblem(message);
            case BODY_TOO_LARGE -> new BodyTooLargeProblem(message);
            case URI_TOO_LONG -> new UriTooLongProblem(message);
            case UNSUPPORTED_MEDIA_TYPE -> new UnsupportedMediaTypeProblem(message);
            case TOO_MANY_REQUESTS -> new TooManyRequestsProblem(message);
            case HEADERS_TOO_LARGE -> new HeadersTooLargeProblem(message);
            case INTERNAL -> new InternalProblem(message);
            case NOT_IMPLEMENTED -> new NotImplementedProblem(message);
            case UNAVAILABLE -> new UnavailableProblem(message);
            case PROVIDER_REJECTED -> new ProviderRejectedProblem(message);
            case PROVIDER_CLOSED -> new ProviderClosedProblem(message);
            case PROVIDER_UNAVAILABLE -> new ProviderUnavailableProblem(message);
            case QUOTA_EXCEEDED -> new QuotaExceededProblem(message);
            case PROVIDER_TIMEOUT -> new ProviderTimeoutProblem(message);
        };
    }

    /** The invocation failed with invalid-input. */
    public static final class InvalidInputProblem extends FunctionError {
        InvalidInputProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with malformed-body. */
    public static final class MalformedBodyProblem extends FunctionError {
        MalformedBodyProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with malformed-request. */
    public static final class MalformedRequestProblem extends FunctionError {
        MalformedRequestProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with forbidden. */
    public static final class ForbiddenProblem extends FunctionError {
        ForbiddenProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with not-found. */
    public static final class NotFoundProblem extends FunctionError {
        NotFoundProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with method-not-allowed. */
    public static final class MethodNotAllowedProblem extends FunctionError {
        MethodNotAllowedProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with not-acceptable. */
    public static final class NotAcceptableProblem extends FunctionError {
        NotAcceptableProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with request-timeout. */
    public static final class RequestTimeoutProblem extends FunctionError {
        RequestTimeoutProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with body-too-large. */
    public static final class BodyTooLargeProblem extends FunctionError {
        BodyTooLargeProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with uri-too-long. */
    public static final class UriTooLongProblem extends FunctionError {
        UriTooLongProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with unsupported-media-type. */
    public static final class UnsupportedMediaTypeProblem extends FunctionError {
        UnsupportedMediaTypeProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with too-many-requests. */
    public static final class TooManyRequestsProblem extends FunctionError {
        TooManyRequestsProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with headers-too-large. */
    public static final class HeadersTooLargeProblem extends FunctionError {
        HeadersTooLargeProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with internal. */
    public static final class InternalProblem extends FunctionError {
        InternalProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with not-implemented. */
    public static final class NotImplementedProblem extends FunctionError {
        NotImplementedProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with unavailable. */
    public static final class UnavailableProblem extends FunctionError {
        UnavailableProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with provider-rejected. */
    public static final class ProviderRejectedProblem extends FunctionError {
        ProviderRejectedProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with provider-closed. */
    public static final class ProviderClosedProblem extends FunctionError {
        ProviderClosedProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with provider-unavailable. */
    public static final class ProviderUnavailableProblem extends FunctionError {
        ProviderUnavailableProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with quota-exceeded. */
    public static final class QuotaExceededProblem extends FunctionError {
        QuotaExceededProblem(String message) {
            super(message);
        }
    }

    /** The invocation failed with provider-timeout. */
    public static final class ProviderTimeoutProblem extends FunctionError {
        ProviderTimeoutProblem(String message) {
            super(message);
        }
    }
}
