package dev.portafunc.platform.http;

import java.time.Duration;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * HTTP/1.1 connections that must receive each request whole, headers and body, within a deadline: from the first byte
 * of a request, or for a connection's first request from when it connects. A client that trickles a byte now and then
 * keeps an idle timeout at bay forever; this closes it at the deadline instead, so that slow clients cannot hold the
 * connections that health checks and searches need.
 *
 * <p>The deadline is armed when a request is partly received and disarmed when the parser completes the message; a
 * request whose handler is still working (a search upstream) is not affected. Jetty has no such setting of its own:
 * its idle timeout restarts with every byte, and its minimum data rate covers the body only.
 */
final class RequestDeadline extends HttpConnectionFactory {

    private final long timeoutMillis;

    RequestDeadline(HttpConfiguration configuration, Duration timeout) {
        super(configuration);
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        TimedConnection connection =
                new TimedConnection(getHttpConfiguration(), connector, endPoint, connector.getScheduler());
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private final class TimedConnection extends HttpConnection {

        private final Scheduler scheduler;
        private Scheduler.Task deadline;

        TimedConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint, Scheduler scheduler) {
            super(configuration, connector, endPoint);
            this.scheduler = scheduler;
        }

        @Override
        public void onOpen() {
            arm();
            super.onOpen();
        }

        @Override
        public void onFillable() {
            super.onFillable();
            var parser = getParser();
            boolean receiving = !parser.isStart() && (parser.inHeaderState() || parser.inContentState());
            if (receiving) {
                arm();
            }
        }

        @Override
        public void onClose(Throwable cause) {
            disarm();
            super.onClose(cause);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                @Override
                public boolean messageComplete() {
                    disarm();
                    return super.messageComplete();
                }

                @Override
                public void badMessage(HttpException failure) {
                    disarm();
                    super.badMessage(failure);
                }
            };
        }

        private synchronized void arm() {
            if (deadline == null) {
                deadline = scheduler.schedule(this::expire, timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void disarm() {
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
        }

        private void expire() {
            synchronized (this) {
                if (deadline == null) {
                    return;
                }
                deadline = null;
            }
            getEndPoint().close();
        }
    }
}
