package dev.portafunc.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Spring's {@code http.server.requests} observation, with two labels more: the {@code function} a request invoked
 * ({@code none} for the page, probes and metrics) and the {@code problem} type it was answered with ({@code none} when
 * it succeeded). So one histogram gives per function invocations, latency and errors by problem type.
 */
@Component
public class FunctionObservationConvention extends DefaultServerRequestObservationConvention {

    static final String FUNCTION = FunctionObservationConvention.class.getName() + ".function";
    static final String PROBLEM = FunctionObservationConvention.class.getName() + ".problem";
    static final String NONE = "none";

    /** Records which function a request invokes. */
    public static void function(HttpServletRequest request, String function) {
        request.setAttribute(FUNCTION, function);
    }

    /** Records the problem type ({@code urn:portafunc:problem:<type>}) a request is answered with. */
    public static void problem(HttpServletRequest request, String type) {
        request.setAttribute(PROBLEM, type.substring(type.lastIndexOf(':') + 1));
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        HttpServletRequest request = context.getCarrier();
        return super.getLowCardinalityKeyValues(context)
                .and(
                        KeyValue.of("function", attribute(request, FUNCTION)),
                        KeyValue.of("problem", attribute(request, PROBLEM)));
    }

    private static String attribute(HttpServletRequest request, String name) {
        return request.getAttribute(name) instanceof String value ? value : NONE;
    }
}
