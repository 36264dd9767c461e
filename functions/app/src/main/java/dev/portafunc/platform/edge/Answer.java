package dev.portafunc.platform.edge;

import dev.portafunc.platform.problem.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link Edge} answers a {@link Call} with: the function's output in the format negotiated, or a problem.
 *
 * @param status the HTTP status it stands for: 200, or the problem's
 * @param contentType the body's media type
 * @param body the encoded output or problem
 * @param function the function's name for metrics and logs ({@code search}, {@code search|manipulate}), or
 *     {@code none} when no exposed function was named
 * @param output the function's output record, or null for a problem
 * @param problem the problem, or null when the function answered
 */
public record Answer(int status, String contentType, byte[] body, String function, Object output, Problem problem) {

    public static final String NO_FUNCTION = "none";

    public boolean isProblem() {
        return problem != null;
    }

    /** The headers this answer goes out with: its type, the security headers, and the wait a problem asks for. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(SecurityHeaders.of(contentType));
        if (problem != null && problem.retryAfterSeconds() != null) {
            headers.put("Retry-After", problem.retryAfterSeconds());
        }
        return headers;
    }

    /** The problem's short type ({@code invalid-input}), or {@code none}: a metric label. */
    public String problemLabel() {
        if (problem == null) {
            return "none";
        }
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }
}
