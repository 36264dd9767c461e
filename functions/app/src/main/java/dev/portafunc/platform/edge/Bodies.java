package dev.portafunc.platform.edge;

import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.RequestRejectedException;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies into a function's input: one JSON object read into its input record, strictly (no unknown field, no
 * fraction where a whole number goes, nothing after the object), or a plain-text query. Every other body is refused
 * here, with the problem that says why.
 */
final class Bodies {

    /** How a plain-text body, the query, becomes each input a function can take. */
    private static final Map<Class<?>, Function<String, Object>> FROM_TEXT = Map.of(
            SearchRequest.class, SearchRequest::of,
            SearchResults.class, SearchResults::queryOnly,
            String.class, text -> text);

    private final JsonMapper json;
    private final long maxSize;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    Bodies(JsonMapper json, long maxSize) {
        this.json = json;
        this.maxSize = maxSize;
    }

    long maxSize() {
        return maxSize;
    }

    Object decode(byte[] body, String contentType, Class<?> input) {
        if (body.length > maxSize) {
            throw tooLarge(maxSize);
        }
        String type = baseType(contentType);
        int first = firstNonBlank(body);
        if (first < 0 && (type == null || isJson(type) || type.equals("text/plain"))) {
            return fromText("", input); // an empty body is an empty query, whatever its type: the input says why
        }
        if (type == null) {
            throw unsupported("this request has no Content-Type");
        }
        if (type.equals("application/cloudevents-batch+json")) {
            throw new RequestRejectedException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "CloudEvents batch mode is not supported: one request is one invocation, so send each event on its"
                            + " own (binary or structured mode)");
        }
        if (type.equals("text/plain")) {
            return fromText(new String(body, charset(contentType)), input);
        }
        if (!isJson(type)) {
            throw unsupported("not " + type);
        }
        if (first != '{') {
            throw new InvalidInputException(
                    "body", "The request body must be one JSON object" + (first == '[' ? ", not an array" : ""));
        }
        return readers.computeIfAbsent(input, this::reader).readValue(body);
    }

    private ObjectReader reader(Class<?> input) {
        return json.readerFor(input)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    private static Object fromText(String text, Class<?> input) {
        Function<String, Object> reader = FROM_TEXT.get(input);
        if (reader == null) {
            throw unsupported("this function takes its input as application/json");
        }
        return reader.apply(text);
    }

    static RequestRejectedException tooLarge(long limit) {
        return new RequestRejectedException(
                ProblemType.BODY_TOO_LARGE, "The request body is larger than the limit of " + limit + " bytes");
    }

    private static RequestRejectedException unsupported(String what) {
        return new RequestRejectedException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.UNSUPPORTED_MEDIA_TYPE.detail() + "; " + what);
    }

    /** JSON: {@code application/json}, or a {@code +json} type other than a CloudEvent's envelope. */
    private static boolean isJson(String type) {
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json") && !type.contains("cloudevents"));
    }

    /** The type and subtype in lower case, without parameters; null when there is none. */
    static String baseType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw unsupported("the charset of a text/plain body must be one this server knows, such as UTF-8");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The first byte that is not whitespace (or a UTF-8 byte order mark), or -1 for a blank body. */
    static int firstNonBlank(byte[] body) {
        int i = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }
}
