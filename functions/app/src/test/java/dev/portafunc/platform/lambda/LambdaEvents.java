package dev.portafunc.platform.lambda;

import dev.portafunc.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The real sample events of each kind, with the method, headers and body a test needs. */
public final class LambdaEvents {

    public enum Kind {
        REST_V1("lambda/events/apigw-rest-v1.json"),
        HTTP_V2("lambda/events/apigw-http-v2.json"),
        FUNCTION_URL("lambda/events/function-url.json");

        final String file;

        Kind(String file) {
            this.file = file;
        }
    }

    private LambdaEvents() {}

    public static String event(Kind kind, String method, String contentType, String accept, String body) {
        ObjectNode event = (ObjectNode) JsonMapper.shared().readTree(Fixtures.read(kind.file));
        ObjectNode headers = event.putObject("headers");
        if (kind == Kind.REST_V1) {
            event.put("httpMethod", method);
            event.remove("multiValueHeaders");
        } else {
            ((ObjectNode) event.path("requestContext").path("http")).put("method", method);
        }
        if (contentType != null) {
            headers.put(kind == Kind.REST_V1 ? "Content-Type" : "content-type", contentType);
        }
        if (accept != null) {
            headers.put(kind == Kind.REST_V1 ? "Accept" : "accept", accept);
        }
        if (body == null) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (kind == Kind.FUNCTION_URL) {
            // Function URLs base64-encode bodies they do not recognise as text
            event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", body);
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    public static String get(Kind kind, String q, String accept) {
        ObjectNode event = (ObjectNode) JsonMapper.shared().readTree(event(kind, "GET", null, accept, null));
        event.putObject("queryStringParameters").put("q", q);
        return event.toString();
    }
}
