package dev.portafunc.platform.web;

import dev.portafunc.platform.observability.FunctionObservationConvention;
import dev.portafunc.platform.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as {@code application/problem+json}, whatever the request accepted: a caller that asked for
 * HTML still learns what went wrong.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FunctionObservationConvention.problem(request, problem.type().toString());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (problem.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        byte[] body = json.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public byte[] toJson(Problem problem) {
        return json.writeValueAsBytes(problem);
    }
}
