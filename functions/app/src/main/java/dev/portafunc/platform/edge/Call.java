package dev.portafunc.platform.edge;

/**
 * A request to a function as a transport hands it to the {@link Edge}, once it has taken off its own envelope (an HTTP
 * request, a CloudEvent, a Lambda event).
 *
 * @param function the function's definition as the caller named it ({@code search}, {@code search|manipulate}), or
 *     null for the deployment's own function
 * @param body the request body, whole
 * @param contentType the body's media type as declared, or null
 * @param accept the formats the caller accepts, as an HTTP {@code Accept} value, or null for any
 */
public record Call(String function, byte[] body, String contentType, String accept) {

    /** A query given as text, such as a path argument or {@code ?q=}. */
    public static Call text(String function, String text, String accept) {
        return new Call(function, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", accept);
    }
}
