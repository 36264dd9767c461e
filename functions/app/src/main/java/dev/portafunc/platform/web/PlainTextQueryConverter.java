package dev.portafunc.platform.web;

import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Lets Spring Cloud Function take a plain-text body as the query: {@code text/plain} input becomes a
 * {@link SearchRequest} for {@code search}, and query-only {@link SearchResults} for {@code manipulate}, which then
 * fetches the results.
 */
final class PlainTextQueryConverter extends AbstractMessageConverter {

    PlainTextQueryConverter() {
        super(MimeTypeUtils.TEXT_PLAIN);
        // Without a content type the body is not ours to read: JSON converters get it.
        setStrictContentTypeMatch(true);
        setContentTypeResolver(PlainTextQueryConverter::contentType);
    }

    /**
     * Spring Cloud Function's web edge passes the request's headers as they came ({@code content-type}); its own
     * converters also read {@code contentType}.
     */
    private static MimeType contentType(MessageHeaders headers) {
        for (String name : new String[] {MessageHeaders.CONTENT_TYPE, "content-type", "Content-Type"}) {
            Object value = headers.get(name);
            if (value instanceof MimeType type) {
                return type;
            }
            if (value != null) {
                try {
                    return MimeType.valueOf(value.toString());
                } catch (InvalidMimeTypeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == SearchRequest.class || type == SearchResults.class;
    }

    @Override
    protected boolean canConvertTo(Object payload, MessageHeaders headers) {
        return false;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        Object payload = message.getPayload();
        String text = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
        return targetClass == SearchRequest.class ? SearchRequest.of(text) : SearchResults.queryOnly(text);
    }
}
