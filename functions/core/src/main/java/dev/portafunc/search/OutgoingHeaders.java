package dev.portafunc.search;

import java.util.Map;

/**
 * Headers to add to the upstream calls made in a scope, such as the W3C {@code traceparent} of the span that makes the
 * call: the caller binds them, {@link JsonHttpClient} sends them. Nothing is added outside such a scope.
 *
 * <pre>{@code ScopedValue.where(OutgoingHeaders.CURRENT, Map.of("traceparent", value)).call(() -> provider.search(r))}</pre>
 */
public final class OutgoingHeaders {

    public static final ScopedValue<Map<String, String>> CURRENT = ScopedValue.newInstance();

    private OutgoingHeaders() {}

    /** The headers bound to the current scope, or none. */
    public static Map<String, String> current() {
        return CURRENT.isBound() ? CURRENT.get() : Map.of();
    }
}
