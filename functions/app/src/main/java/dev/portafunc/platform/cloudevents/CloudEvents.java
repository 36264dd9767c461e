package dev.portafunc.platform.cloudevents;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portafunc.manipulate.Digest;
import dev.portafunc.platform.edge.Answer;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchResults;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudEvents over HTTP (Knative Eventing delivers them), in binary mode (the {@code ce-*} headers, the data as the
 * body) and structured mode ({@code application/cloudevents+json}, the event as one JSON object). An event's data is
 * the function's input; the answer is a new event whose {@code id} is new and whose {@code type} and {@code source} are
 * portafunc's own, never the incoming event's, so a Trigger that matches the input does not match the reply. A problem
 * is answered as a problem, with its status, which tells Eventing whether to deliver the event again
 * ({@link #isRetried}). An event delivered again within a window gets the reply it got the first time
 * ({@link DuplicateEvents}). Batch mode is refused by the edge (one request is one invocation).
 */
public final class CloudEvents implements Resource {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String SPEC_VERSION = "1.0";

    /** How an event came, and how its reply goes. */
    public enum Mode {
        BINARY,
        STRUCTURED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An event as the function sees it: the attributes that identify it, and its data as the function's input.
     *
     * @param data the event's data, whole
     * @param contentType the data's media type, or null
     */
    public record Event(Mode mode, String source, String id, byte[] data, String contentType) {}

    /**
     * What an event is answered with: the answer (a reply event's data, a structured reply event, or a problem) and, in
     * binary mode, the reply event's attributes as headers.
     */
    public record Reply(Answer answer, Map<String, String> headers) {}

    private final CloudEventsProperties properties;
    private final JsonMapper json;
    private final Map<Class<?>, String> types;
    private final ReplyIds ids = new ReplyIds();
    private final DuplicateEvents duplicates;

    public CloudEvents(CloudEventsProperties properties, JsonMapper json, MeterRegistry meters) {
        this(properties, json, meters, Ticker.systemTicker());
    }

    CloudEvents(CloudEventsProperties properties, JsonMapper json, MeterRegistry meters, Ticker ticker) {
        this.properties = properties;
        this.json = json;
        this.types = Map.of(
                SearchResults.class, properties.typePrefix() + ".search.results",
                Digest.class, properties.typePrefix() + ".manipulate.digest");
        this.duplicates = new DuplicateEvents(properties.duplicates(), meters, ticker);
    }

    /** Whether a request is a CloudEvent in binary mode: its headers say so. */
    public static boolean isBinary(Function<String, String> headers) {
        return headers.apply("ce-specversion") != null;
    }

    /** Whether a request body is a CloudEvent in structured mode. */
    public static boolean isStructured(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(STRUCTURED);
    }

    /**
     * Whether Knative Eventing delivers an event again after this status. Its data-plane contract retries 404, 409, 429
     * and every 5xx and no other 4xx (knative/specs, specs/eventing/data-plane.md); its dispatcher retries 408 too
     * (knative/eventing, pkg/kncloudevents/retries.go, {@code SelectiveRetry}).
     */
    public static boolean isRetried(int status) {
        return status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }

    /** A binary-mode event: its attributes from the headers, checked, and the body as its data. */
    public static Event binary(Function<String, String> headers, byte[] body) {
        require("specversion", headers.apply("ce-specversion"));
        require("id", headers.apply("ce-id"));
        require("source", headers.apply("ce-source"));
        require("type", headers.apply("ce-type"));
        return new Event(
                Mode.BINARY, headers.apply("ce-source"), headers.apply("ce-id"), body, headers.apply("Content-Type"));
    }

    /** A structured-mode event, its required attributes checked. */
    public Event structured(byte[] body) {
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
        String source = text(event, "source");
        String id = text(event, "id");
        String contentType = text(event, "datacontenttype");
        if (event.hasNonNull("data_base64")) {
            try {
                byte[] data =
                        Base64.getDecoder().decode(event.get("data_base64").asString());
                return new Event(Mode.STRUCTURED, source, id, data, contentType);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("data_base64", "The CloudEvent's data_base64 is not base64");
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            return new Event(
                    Mode.STRUCTURED, source, id, new byte[0], contentType == null ? "application/json" : contentType);
        }
        if (data.isString()
                && (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json"))) {
            return new Event(
                    Mode.STRUCTURED, source, id, data.asString().getBytes(StandardCharsets.UTF_8), contentType);
        }
        return new Event(
                Mode.STRUCTURED,
                source,
                id,
                json.writeValueAsBytes(data),
                contentType == null ? "application/json" : contentType);
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

    /**
     * The reply to an event: the one it got before, when it is a duplicate, or a new one from its invocation.
     *
     * @param function the function the event was sent to, as the path named it, or null for the deployment's own
     * @param accept the formats the sender accepts, or null
     * @param invocation calls the function with the event's data
     */
    public Reply reply(Event event, String function, String accept, Supplier<Answer> invocation) {
        DuplicateEvents.Key key = new DuplicateEvents.Key(
                event.mode(), Objects.requireNonNullElse(function, ""), event.source(), event.id(), accept);
        return duplicates.reply(key, () -> replyTo(event.mode(), invocation.get()));
    }

    private Reply replyTo(Mode mode, Answer answer) {
        if (answer.isProblem()) {
            return new Reply(answer, Map.of());
        }
        String id = ids.next();
        String type = type(answer.output());
        // The output record has served its purpose (the type): a remembered reply keeps only what goes out.
        if (mode == Mode.BINARY) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce-specversion", SPEC_VERSION);
            headers.put("ce-id", id);
            headers.put("ce-type", type);
            headers.put("ce-source", properties.source());
            return new Reply(
                    new Answer(answer.status(), answer.contentType(), answer.body(), answer.function(), null, null),
                    Map.copyOf(headers));
        }
        ObjectNode event = json.createObjectNode()
                .put("specversion", SPEC_VERSION)
                .put("id", id)
                .put("type", type)
                .put("source", properties.source())
                .put("datacontenttype", answer.contentType());
        if (answer.contentType().startsWith("application/json")) {
            event.set("data", json.readTree(answer.body()));
        } else {
            event.put("data", new String(answer.body(), StandardCharsets.UTF_8));
        }
        return new Reply(
                new Answer(answer.status(), STRUCTURED, json.writeValueAsBytes(event), answer.function(), null, null),
                Map.of());
    }

    private String type(Object output) {
        for (Map.Entry<Class<?>, String> type : types.entrySet()) {
            if (type.getKey().isInstance(output)) {
                return type.getValue();
            }
        }
        return properties.typePrefix() + ".result";
    }

    /**
     * Before a process snapshot: forgets the replies remembered (a copy restored later cannot tell how old they are)
     * and the generator of reply ids (copies must not draw the same ones).
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        duplicates.forget();
        ids.forget();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Both are made again when first needed.
    }
}
