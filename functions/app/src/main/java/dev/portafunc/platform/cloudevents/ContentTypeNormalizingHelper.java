package dev.portafunc.platform.cloudevents;

import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Spring Cloud Function's CloudEvents support, given the content type where it looks for it. Its servlet edge passes
 * the request's headers as they came ({@code content-type}), while its CloudEvents code reads only
 * {@code contentType}, so a structured-mode event ({@code application/cloudevents+json}) was never recognised.
 */
final class ContentTypeNormalizingHelper implements FunctionInvocationHelper<Message<?>> {

    private final FunctionInvocationHelper<Message<?>> delegate;

    ContentTypeNormalizingHelper(FunctionInvocationHelper<Message<?>> delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isRetainOutputAsMessage(Message<?> message) {
        return delegate.isRetainOutputAsMessage(message);
    }

    @Override
    public Message<?> preProcessInput(Message<?> input, Object converter) {
        return delegate.preProcessInput(withContentType(input), converter);
    }

    @Override
    public Object postProcessResult(Object result, Message<?> input) {
        return delegate.postProcessResult(result, input);
    }

    static Message<?> withContentType(Message<?> input) {
        MessageHeaders headers = input.getHeaders();
        if (headers.containsKey(MessageHeaders.CONTENT_TYPE)) {
            return input;
        }
        Object contentType = headers.get("content-type");
        if (contentType == null) {
            contentType = headers.get("Content-Type");
        }
        return contentType == null
                ? input
                : MessageBuilder.fromMessage(input)
                        .setHeader(MessageHeaders.CONTENT_TYPE, contentType)
                        .build();
    }
}
