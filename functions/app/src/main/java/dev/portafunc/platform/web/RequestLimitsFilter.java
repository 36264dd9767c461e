package dev.portafunc.platform.web;

import dev.portafunc.platform.RequestBodies;
import dev.portafunc.platform.problem.BodyTooLargeException;
import dev.portafunc.platform.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies the functions cannot take before anything reads them: a content type other than JSON or
 * plain text (415), or more bytes than {@code portafunc.web.max-body-size} (413), whether the length was declared or
 * the body was chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBodySize;
    private final ProblemWriter problems;

    RequestLimitsFilter(WebProperties web, ProblemWriter problems) {
        this.maxBodySize = web.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodySize) {
            problems.write(
                    ProblemType.BODY_TOO_LARGE.problem(new BodyTooLargeException(maxBodySize).getMessage()),
                    request,
                    response);
            return;
        }
        if (!RequestBodies.isAccepted(request.getContentType())) {
            problems.write(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(RequestBodies.unsupported(request.getContentType())),
                    request,
                    response);
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBodySize), response);
    }

    /** A request with a body, or one that declares a type for it: an empty form is still a form. */
    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        boolean bodyMethod = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return bodyMethod
                && (request.getContentLengthLong() != 0
                        || request.getHeader("Transfer-Encoding") != null
                        || request.getContentType() != null);
    }

    /** A request whose body stream fails once it has given more than the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
