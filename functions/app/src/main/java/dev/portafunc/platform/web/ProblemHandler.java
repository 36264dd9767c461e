package dev.portafunc.platform.web;

import dev.portafunc.platform.RequestBodies;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** Turns every failure on an HTTP route into a problem response through the one mapping, {@link Problems}. */
@RestControllerAdvice
public class ProblemHandler {

    private final ProblemWriter writer;

    ProblemHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // The caller went away mid-response: there is no one to tell.
    }

    @ExceptionHandler(Exception.class)
    void handle(Exception failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (failure instanceof HttpRequestMethodNotSupportedException e && e.getSupportedMethods() != null) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", e.getSupportedMethods()));
        }
        writer.write(problem(failure), request, response);
    }

    static Problem problem(Exception failure) {
        return Problems.known(failure)
                .orElseGet(() -> failure instanceof ErrorResponse error
                        ? forStatus(error.getStatusCode().value(), failure)
                        : Problems.of(failure));
    }

    /** Spring MVC's own failures (no route, wrong method, unreadable body) carry their status. */
    public static Problem forStatus(int status, Exception failure) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND.problem();
            case 405 -> ProblemType.METHOD_NOT_ALLOWED.problem();
            case 406 -> ProblemType.NOT_ACCEPTABLE.problem();
            case 413 -> ProblemType.BODY_TOO_LARGE.problem();
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(unsupported(failure));
            default -> status >= 400 && status < 500 ? ProblemType.MALFORMED_REQUEST.problem() : Problems.of(failure);
        };
    }

    private static String unsupported(Exception failure) {
        String sent = failure instanceof HttpMediaTypeNotSupportedException e && e.getContentType() != null
                ? e.getContentType().toString()
                : "this content type";
        return RequestBodies.unsupported(sent);
    }
}
