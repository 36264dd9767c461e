package dev.portafunc.platform.problem;

import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.TooManyRequestsException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one mapping from a failure to a {@link Problem}, for every transport (HTTP, CloudEvents, Lambda). Only messages
 * portafunc wrote itself reach a caller; anything unexpected is logged here, without its messages (which may quote
 * what the caller sent), and reported as a 500 without detail.
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    /** When to try again after an upstream failed without saying. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private Problems() {}

    public static Problem of(Throwable failure) {
        return known(failure).orElseGet(() -> {
            log.error("Unexpected failure", Redacted.of(failure));
            return ProblemType.INTERNAL.problem();
        });
    }

    /** The problem for a failure portafunc understands, found anywhere in its cause chain. */
    public static Optional<Problem> known(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            switch (t) {
                case InvalidInputException e -> {
                    return Optional.of(invalid(e.field(), e.getMessage()));
                }
                case ProviderException e -> {
                    return Optional.of(provider(e));
                }
                case RequestRejectedException e -> {
                    return Optional.of(e.type().problem(e.getMessage()));
                }
                case TooManyRequestsException e -> {
                    return Optional.of(ProblemType.TOO_MANY_REQUESTS.problem(e.getMessage(), null, e.retryAfter()));
                }
                case UnrecognizedPropertyException e -> {
                    return Optional.of(invalid(
                            e.getPropertyName(),
                            "'" + e.getPropertyName() + "' is not a field of this function's input; its fields are "
                                    + String.join(
                                            ", ",
                                            e.getKnownPropertyIds().stream()
                                                    .map(String::valueOf)
                                                    .sorted()
                                                    .toList())));
                }
                case JacksonException e -> {
                    return Optional.of(malformed(e));
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    private static Problem invalid(String field, String detail) {
        return ProblemType.INVALID_INPUT.problem(detail, field, null);
    }

    private static Problem provider(ProviderException e) {
        ProblemType type = switch (e.reason()) {
            case REJECTED -> ProblemType.PROVIDER_REJECTED;
            case CLOSED -> ProblemType.PROVIDER_CLOSED;
            case UNAVAILABLE -> ProblemType.PROVIDER_UNAVAILABLE;
            case QUOTA_EXCEEDED -> ProblemType.QUOTA_EXCEEDED;
            case TIMEOUT -> ProblemType.PROVIDER_TIMEOUT;
        };
        // An upstream that is down says nothing of when to come back: a caller still learns when it is worth trying.
        Duration retryAfter =
                e.retryAfter().orElse(type == ProblemType.PROVIDER_UNAVAILABLE ? UNAVAILABLE_RETRY_AFTER : null);
        return type.problem(e.getMessage(), null, retryAfter);
    }

    /** Says where the JSON went wrong and which field, never echoing the body. */
    private static Problem malformed(JacksonException e) {
        String path = e.getPath().isEmpty() ? null : pathOf(e);
        String detail = path == null
                ? "The request body is not valid JSON for this function"
                : "The request body has a value of the wrong type or shape at '" + path + "'";
        return ProblemType.MALFORMED_BODY.problem(detail, path, null);
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /**
     * A failure as the log may show it: each exception's class and stack, without its message, which may quote the
     * request (a query, a header) that no log line may carry.
     */
    static final class Redacted extends RuntimeException {

        private Redacted(Throwable failure, Throwable cause) {
            super(failure.getClass().getName(), cause, false, true);
            setStackTrace(failure.getStackTrace());
        }

        static Redacted of(Throwable failure) {
            Throwable cause = failure.getCause();
            return new Redacted(failure, cause == null || cause == failure ? null : of(cause));
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
