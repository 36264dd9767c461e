package dev.portafunc.platform.cloudevents;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.platform.edge.Answer;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchResults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudEvents over HTTP (Knative Eventing delivers them), in binary mode (the {@code ce-*} headers, the data as the
 * body) and structured mode ({@code application/cloudevents+json}, the event as one JSON object). An event's data is
 * the function's input; the answer is a new event whose {@code id} is new and whose {@code type} and {@code source} are
 * portafunc's own, never the incoming event's, so a Trigger that matches the input does not match the reply. Batch mode
 * is refused by the edge (one request is one invocation).
 */
public final class CloudEvents {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String SPEC_VERSION = "1.0";

    private final CloudEventsProperties properties;
    private final JsonMapper json;
    private final Map<Class<?>, String> types;

    public CloudEvents(CloudEventsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.types = Map.of(
                SearchResults.class, properties.typePrefix() + ".search.results",
                Digest.class, properties.typePrefix() + ".manipulate.digest");
    }

    /** An event's data as a function's input: its bytes and their media type. */
    public record Data(byte[] body, String contentType) {}

    /** Whether a request is a CloudEvent in binary mode: its headers say so. */
    public static boolean isBinary(Function<String, String> headers) {
        return headers.apply("ce-specversion") != null;
    }

    /** Whether a request body is a CloudEvent in structured mode. */
    public static boolean isStructured(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(STRUCTURED);
    }

    /** Checks a binary-mode event's required attributes. */
    public static void checkBinary(Function<String, String> headers) {
        require("specversion", headers.apply("ce-specversion"));
        require("id", headers.apply("ce-id"));
        require("source", headers.apply("ce-source"));
        require("type", headers.apply("ce-type"));
    }

    /** A structured-mode event's data, its required attributes checked. */
    public Data structured(byte[] body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "The CloudEvent is not a JSON object");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidInputException("body", "The CloudEvent is not a JSON object");
        }
        require("specversion", text(event, "specversion"));
        require("id", text(event, "id"));
        require("source", text(event, "source"));
        require("type", text(event, "type"));
        String contentType = text(event, "datacontenttype");
        if (event.hasNonNull("data_base64")) {
            try {
                byte[] data =
                        Base64.getDecoder().decode(event.get("data_base64").asString());
                return new Data(data, contentType);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("data_base64", "The CloudEvent's data_base64 is not base64");
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            return new Data(new byte[0], contentType == null ? "application/json" : contentType);
        }
        if (data.isString()
                && (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json"))) {
            return new Data(data.asString().getBytes(StandardCharsets.UTF_8), contentType);
        }
        return new Data(json.writeValueAsBytes(data), contentType == null ? "application/json" : contentType);
    }

    private static void require(String attribute, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(attribute, "A CloudEvent needs its '" + attribute + "' attribute");
        }
        if (attribute.equals("specversion") && !value.strip().equals(SPEC_VERSION)) {
            throw new InvalidInputException(attribute, "Only CloudEvents 1.0 are understood");
        }
    }

    private static String text(JsonNode event, String name) {
        JsonNode value = event.get(name);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** The reply's attributes, as binary-mode headers. */
    public Map<String, String> replyHeaders(Answer answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", SPEC_VERSION);
        headers.put("ce-id", UUID.randomUUID().toString());
        headers.put("ce-type", type(answer.output()));
        headers.put("ce-source", properties.source());
        return headers;
    }

    /** The reply as a structured-mode event. */
    public byte[] structuredReply(Answer answer) {
        ObjectNode event = json.createObjectNode()
                .put("specversion", SPEC_VERSION)
                .put("id", UUID.randomUUID().toString())
                .put("type", type(answer.output()))
                .put("source", properties.source())
                .put("datacontenttype", answer.contentType());
        if (answer.contentType().startsWith("application/json")) {
            event.set("data", json.readTree(answer.body()));
        } else {
            event.put("data", new String(answer.body(), StandardCharsets.UTF_8));
        }
        return json.writeValueAsBytes(event);
    }

    private String type(Object output) {
        for (Map.Entry<Class<?>, String> type : types.entrySet()) {
            if (type.getKey().isInstance(output)) {
                return type.getValue();
            }
        }
        return properties.typePrefix() + ".result";
    }
}
