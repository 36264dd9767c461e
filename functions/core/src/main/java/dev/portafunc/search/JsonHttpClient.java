package dev.portafunc.search;

import dev.portafunc.search.ProviderException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-over-HTTP client for an upstream search service, built once with its timeouts. Every failure becomes a
 * {@link ProviderException} whose message says what happened without the upstream's URL or body.
 */
public final class JsonHttpClient {

    /** Bodies larger than this are not search results. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String upstream;
    private final HttpClient http;
    private final Duration readTimeout;
    private final String userAgent;

    /**
     * @param upstream the name failures are reported under, such as {@code searxng}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the whole response once connected
     */
    public JsonHttpClient(String upstream, Duration connectTimeout, Duration readTimeout) {
        this.upstream = upstream;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.userAgent = "portafunc (" + upstream + " client)";
    }

    public <T> T get(URI uri, Class<T> type) {
        return send(request(uri).GET(), type);
    }

    private static HttpRequest.Builder request(URI uri) {
        // Plain http stays on HTTP/1.1 and its pool of connections: an h2c upgrade would put every call on one
        // connection, so that a single reset (an upstream restarting, a proxy) failed all the calls in flight at once.
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        return HttpRequest.newBuilder(uri).version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    }

    public <T> T post(URI uri, Object body, Class<T> type) {
        byte[] json = JSON.writeValueAsBytes(body);
        return send(
                request(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)),
                type);
    }

    private <T> T send(HttpRequest.Builder builder, Class<T> type) {
        OutgoingHeaders.current().forEach(builder::setHeader);
        HttpRequest request = builder.timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw ProviderException.transientFailure(
                    upstream, Reason.UNAVAILABLE, upstream + " could not be reached in time", null);
        } catch (HttpTimeoutException e) {
            throw new ProviderException(upstream, Reason.TIMEOUT, upstream + " did not answer in time");
        } catch (ConnectException e) {
            throw ProviderException.transientFailure(
                    upstream, Reason.UNAVAILABLE, upstream + " could not be reached", null);
        } catch (IOException e) {
            throw ProviderException.transientFailure(
                    upstream, Reason.UNAVAILABLE, upstream + " closed the connection before answering", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(upstream, Reason.UNAVAILABLE, "the call to " + upstream + " was interrupted");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(status, retryAfter(response.headers().firstValue("Retry-After")));
        }
        if (response.body().length > MAX_RESPONSE_BYTES) {
            throw new ProviderException(upstream, Reason.REJECTED, upstream + " sent an oversized response");
        }
        try {
            T value = JSON.readValue(response.body(), type);
            if (value == null) {
                throw new ProviderException(upstream, Reason.REJECTED, upstream + " sent an empty response");
            }
            return value;
        } catch (JacksonException e) {
            throw new ProviderException(
                    upstream, Reason.REJECTED, upstream + " sent a response that is not valid JSON");
        }
    }

    private ProviderException failure(int status, Duration retryAfter) {
        String answered = upstream + " answered with HTTP status " + status;
        return switch (status) {
            case 429 ->
                ProviderException.transientFailure(
                        upstream, Reason.UNAVAILABLE, upstream + " is limiting the rate of requests", retryAfter);
            case 503 ->
                ProviderException.transientFailure(
                        upstream, Reason.UNAVAILABLE, upstream + " is unavailable", retryAfter);
            case 504 -> ProviderException.transientFailure(upstream, Reason.TIMEOUT, upstream + " timed out", null);
            default ->
                status >= 500
                        ? ProviderException.transientFailure(upstream, Reason.REJECTED, answered, retryAfter)
                        : new ProviderException(upstream, Reason.REJECTED, answered);
        };
    }

    /** A Retry-After value, in delta-seconds or as an HTTP date, as a duration from now. */
    public static Duration retryAfter(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return null;
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 && seconds < 86_400 * 2 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
