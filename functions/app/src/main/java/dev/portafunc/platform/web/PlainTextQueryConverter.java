package dev.portafunc.platform.web;

import dev.portafunc.platform.RequestBodies;
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
 * fetches the results. Text with no content type at all (a path argument such as {@code GET /manipulate/lucene}) is
 * a query too, unless it looks like JSON, and an empty body is an empty query; without this, Spring Cloud Function
 * would pass the raw text on to a function that cannot take it.
 */
final class PlainTextQueryConverter extends AbstractMessageConverter {

    PlainTextQueryConverter() {
        super(MimeTypeUtils.TEXT_PLAIN);
        setStrictContentTypeMatch(false);
        setContentTypeResolver(PlainTextQueryConverter::contentType);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == SearchRequest.class || type == SearchResults.class;
    }

    @Override
    protected boolean canConvertFrom(Message<?> message, Class<?> targetClass) {
        if (!supports(targetClass)) {
            return false;
        }
        int first = RequestBodies.firstNonBlank(bytes(message.getPayload()));
        if (first < 0) {
            return true; // an empty body, whatever its declared type, is an empty query: the function says so
        }
        MimeType type = contentType(message.getHeaders());
        if (type != null) {
            return type.getType().equals("text") && type.getSubtype().equals("plain");
        }
        return first != '{' && first != '[';
    }

    @Override
    protected boolean canConvertTo(Object payload, MessageHeaders headers) {
        return false;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        String text = new String(bytes(message.getPayload()), StandardCharsets.UTF_8);
        return targetClass == SearchRequest.class ? SearchRequest.of(text) : SearchResults.queryOnly(text);
    }

    private static byte[] bytes(Object payload) {
        return payload instanceof byte[] bytes ? bytes : payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The content type's type and subtype, wherever the message carries it: Spring Cloud Function's web edge passes
     * the request's headers as they came ({@code content-type}), its own converters read {@code contentType}.
     * Parameters are ignored, so that a charset nobody knows does not hide a plain-text body.
     */
    private static MimeType contentType(MessageHeaders headers) {
        for (String name : new String[] {MessageHeaders.CONTENT_TYPE, "content-type", "Content-Type"}) {
            Object value = headers.get(name);
            if (value instanceof MimeType type) {
                return new MimeType(type.getType(), type.getSubtype());
            }
            if (value != null) {
                String base = value.toString().split(";", 2)[0].strip();
                try {
                    return MimeType.valueOf(base);
                } catch (InvalidMimeTypeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
