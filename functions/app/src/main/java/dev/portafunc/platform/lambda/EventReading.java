package dev.portafunc.platform.lambda;

import java.lang.reflect.Type;
import org.springframework.cloud.function.json.JacksonMapper;
import tools.jackson.databind.ObjectMapper;

/**
 * Spring Cloud Function's JSON mapper as the Lambda adapter uses it, with one difference: an event the adapter cannot
 * read as JSON at all (nested deeper than any input, say) is handed on as it came instead of failing before the
 * {@link LambdaEdge}. The adapter reads every event once to tell an API Gateway event from a direct invocation; one it
 * cannot read is a direct invocation, whose payload the edge then judges like any other (a 400 problem).
 */
final class EventReading extends JacksonMapper {

    EventReading(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T doFromJson(Object json, Type type) {
        try {
            return super.doFromJson(json, type);
        } catch (RuntimeException unreadable) {
            if (type == Object.class) {
                return (T) json;
            }
            throw unreadable;
        }
    }
}
