package dev.portafunc.platform.http;

import dev.portafunc.platform.edge.Answer;
import dev.portafunc.platform.edge.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP request and its response, as the routes see them: the path's segments decoded one by one, headers, the
 * body read up to a limit, and one way to answer, which adds the headers every response carries.
 */
final class Exchange {

    static final String CALL_ID = "X-Call-Id";
    private static final Pattern SAFE_CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    final Request request;
    final Response response;
    private Callback callback;
    private boolean bodyRead;
    private final List<String> segments;

    /** What metrics call this request: its route ({@code /v2/{function}}) and the function and problem it met. */
    String route = "NOT_FOUND";

    String function = Answer.NO_FUNCTION;
    String problem = "none";

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.segments = segments(request.getHttpURI().getPath());
    }

    /** The path's segments, each percent-decoded on its own, so that {@code %2F} stays inside its segment. */
    private static List<String> segments(String rawPath) {
        List<String> decoded = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return decoded;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            decoded.add(decode(segment));
        }
        return decoded;
    }

    static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // an invalid escape: no route takes it
        }
    }

    List<String> segments() {
        return segments;
    }

    String method() {
        return request.getMethod();
    }

    boolean isGet() {
        return method().equals("GET") || method().equals("HEAD");
    }

    String header(String name) {
        List<String> values = request.getHeaders().getValuesList(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** A query parameter, decoded; the first when there are several. */
    String query(String name) {
        String query = request.getHttpURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decodeForm(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(key)) {
                return equals < 0 ? "" : decodeForm(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decodeForm(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The body, whole, or null when it is longer than {@code limit}. A body over the limit is read to its end (up to
     * {@link #DRAIN} bytes, within the request deadline) before the 413 goes out: a server that closes a connection
     * with unread data on it makes the caller's system drop the answer, so the caller would see a reset instead of the
     * problem. A longer one gets the 413 and the connection closed.
     */
    byte[] body(long limit) throws IOException {
        bodyRead = true;
        InputStream in = Content.Source.asInputStream(request);
        long declared = request.getLength();
        if (declared > limit) {
            drain(in, declared);
            return null;
        }
        if (declared >= 0) {
            // Read into an array of the declared size: read without it, a body of a few KB takes a 16 KB buffer and a
            // copy of itself.
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (body.length <= limit) {
            return body;
        }
        drain(in, -1);
        return null;
    }

    private boolean hasBody() {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** The most of a refused body read to its end before the answer. */
    static final long DRAIN = 1024 * 1024;

    private void drain(InputStream in, long declared) throws IOException {
        if (declared <= DRAIN) {
            byte[] buffer = new byte[16 * 1024];
            long drained = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                drained += n;
                if (drained > DRAIN) {
                    break;
                }
            }
            if (drained <= DRAIN) {
                return;
            }
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    /** Whether the caller's origin, as the browser states it, is another than this server's. */
    boolean isCrossOrigin(String origin) {
        return origin != null && !origin.equalsIgnoreCase(origin());
    }

    /**
     * This server's origin as the caller sees it: the scheme and host a proxy forwarded ({@code Forwarded}, else
     * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}; Knative's queue-proxy and OpenFaaS's gateway set them),
     * else those the request reached it with. A forwarded host is taken as given, with its port or without; a
     * forwarded scheme only when it is http or https.
     */
    String origin() {
        var uri = request.getHttpURI();
        String scheme = forwarded("proto", "X-Forwarded-Proto");
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        }
        String host = forwarded("host", "X-Forwarded-Host");
        return scheme.toLowerCase(Locale.ROOT) + "://" + (host != null && !host.isEmpty() ? host : uri.getAuthority());
    }

    /** A value a proxy forwarded: the first {@code Forwarded} element's parameter, else the first X- header's. */
    private String forwarded(String parameter, String header) {
        String forwarded = request.getHeaders().get("Forwarded");
        if (forwarded != null) {
            for (String pair : forwarded.split(",", 2)[0].split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].strip().equalsIgnoreCase(parameter)) {
                    return parts[1].replace("\"", "").strip();
                }
            }
        }
        String value = request.getHeaders().get(header);
        return value == null ? null : value.split(",", 2)[0].strip();
    }

    void answer(Answer answer) {
        function = answer.function();
        problem = answer.problemLabel();
        if (answer.problem() != null && answer.problem().retryAfterSeconds() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, answer.problem().retryAfterSeconds());
        }
        send(answer.status(), answer.contentType(), answer.body());
    }

    /**
     * Sends the response whole, with its length, and the headers every response carries: no sniffing, no referrer,
     * a Content-Security-Policy for HTML, and OpenFaaS's {@code X-Call-Id} when it is one. No other request header is
     * copied into a response.
     */
    void send(int status, String contentType, byte[] body) {
        if (!bodyRead && hasBody()) {
            // answered without reading the body (a wrong path or method): read it to its end first, as body() does
            bodyRead = true;
            try {
                drain(Content.Source.asInputStream(request), request.getLength());
            } catch (IOException e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        }
        response.setStatus(status);
        SecurityHeaders.of(contentType).forEach((name, value) -> {
            if (!response.getHeaders().contains(name)) {
                response.getHeaders().put(name, value);
            }
        });
        String callId = request.getHeaders().get(CALL_ID);
        if (callId != null && SAFE_CALL_ID.matcher(callId).matches()) {
            response.getHeaders().put(CALL_ID, callId);
        }
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    void header(HttpField field) {
        response.getHeaders().put(field);
    }

    /** Whether this request's headers name a CloudEvent in binary mode. */
    boolean hasHeader(String name) {
        return request.getHeaders().contains(name.toLowerCase(Locale.ROOT));
    }

    Callback callback() {
        return callback;
    }

    /** Completes this exchange through {@code callback} instead, once its response is written. */
    void completeWith(Callback callback) {
        this.callback = callback;
    }
}
