package dev.portafunc.platform.http;

import dev.portafunc.platform.edge.SecurityHeaders;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a request the server turns away by itself, before any route (a request line or header it cannot read,
 * headers too large, a transfer coding it does not implement, a request during shutdown): a problem+json body, never
 * the server's own page, message or stack trace, which may quote what the caller sent.
 */
final class ErrorResponses implements Request.Handler {

    private final JsonMapper json;

    ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ProblemType type = ProblemType.forStatus(response.getStatus());
        Problem problem = type.problem();
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(problem.status());
        SecurityHeaders.of(Problem.MEDIA_TYPE).forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (request.getLength() != 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            // Its body is not read: a client that sent another request on this connection would meet it closed.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
