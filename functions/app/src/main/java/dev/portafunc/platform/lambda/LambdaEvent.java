package dev.portafunc.platform.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP request as API Gateway (REST, payload 1.0; HTTP API, payload 2.0) or a Function URL hands it to Lambda:
 * method, headers (names in lower case), query parameters and the body, base64 decoded when flagged.
 */
record LambdaEvent(String method, Map<String, String> headers, Map<String, String> query, byte[] body) {

    static LambdaEvent parse(JsonNode event) {
        String method = text(event.get("httpMethod"));
        if (method == null) {
            method = text(event.path("requestContext").path("http").get("method"));
        }
        Map<String, String> headers = new HashMap<>();
        event.path("multiValueHeaders").properties().forEach(e -> {
            if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                headers.put(
                        e.getKey().toLowerCase(Locale.ROOT), text(e.getValue().get(0)));
            }
        });
        event.path("headers").properties().forEach(e -> {
            if (e.getValue().isString()) {
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString());
            }
        });
        Map<String, String> query = new HashMap<>();
        event.path("queryStringParameters").properties().forEach(e -> {
            if (e.getValue().isString()) {
                query.put(e.getKey(), e.getValue().asString());
            }
        });
        String body = text(event.get("body"));
        byte[] bytes = body == null
                ? new byte[0]
                : event.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getMimeDecoder().decode(body)
                        : body.getBytes(StandardCharsets.UTF_8);
        return new LambdaEvent(method == null ? "POST" : method.toUpperCase(Locale.ROOT), headers, query, bytes);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }
}
