package dev.portafunc.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The caller's trace context on an HTTP request, before anything else sees the request.
 *
 * <ul>
 *   <li>A CloudEvent in binary mode carries it as the {@code ce-traceparent} and {@code ce-tracestate} extension
 *       headers (the CloudEvents distributed-tracing extension): without a {@code traceparent} of its own, the request
 *       is read as if it had them, so the server span continues the event's trace.
 *   <li>With tracing off, the caller's trace id still goes into the logs ({@code traceId}) and its {@code traceparent}
 *       onwards with every upstream call the request makes.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceContextFilter extends OncePerRequestFilter {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private final Tracing tracing;

    TraceContextFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest traced =
                request.getHeader(TRACEPARENT) == null && request.getHeader("ce-traceparent") != null
                        ? new CloudEventTraceContext(request)
                        : request;
        if (tracing.enabled()) {
            chain.doFilter(traced, response); // the server observation reads it and starts a span
            return;
        }
        var incoming = TraceParent.parse(traced.getHeader(TRACEPARENT));
        if (incoming.isEmpty()) {
            chain.doFilter(traced, response);
            return;
        }
        MDC.put("traceId", incoming.get().traceId());
        try {
            ScopedValue.where(TraceParent.INCOMING, incoming.get()).call(() -> {
                chain.doFilter(traced, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        } finally {
            MDC.remove("traceId");
        }
    }

    /** A request whose {@code ce-traceparent} and {@code ce-tracestate} also answer as the plain headers. */
    private static final class CloudEventTraceContext extends HttpServletRequestWrapper {

        CloudEventTraceContext(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            return value == null && isTraceContext(name) ? super.getHeader("ce-" + name) : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            Enumeration<String> values = super.getHeaders(name);
            return !values.hasMoreElements() && isTraceContext(name) ? super.getHeaders("ce-" + name) : values;
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            names.add(TRACEPARENT);
            if (super.getHeader("ce-" + TRACESTATE) != null) {
                names.add(TRACESTATE);
            }
            return Collections.enumeration(names);
        }

        private static boolean isTraceContext(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals(TRACEPARENT) || lower.equals(TRACESTATE);
        }
    }
}
