package dev.portafunc.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Returns OpenFaaS's {@code X-Call-Id} on every response, so a caller can match it to the gateway's logs. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallIdFilter extends OncePerRequestFilter {

    static final String CALL_ID = "X-Call-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String callId = request.getHeader(CALL_ID);
        if (callId != null && SAFE.matcher(callId).matches()) {
            response.setHeader(CALL_ID, callId);
        }
        chain.doFilter(request, response);
    }
}
