package dev.portafunc.search;

import dev.portafunc.search.ProviderException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A JSON-over-HTTP client for an upstream search service, built once with its timeouts. Every failure becomes a
 * {@link ProviderException} whose message says what happened without the upstream's URL or body. Its JDK client, and
 * the pool of connections it keeps, is made at the first call and dropped before a process snapshot
 * ({@link Snapshots}), so that no copy of the process restored from one shares its connections.
 */
public final class JsonHttpClient implements Snapshots.Hook {

    /** Bodies larger than this are not search results. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    /** Error bodies larger than this are not read for a reason: an error envelope is a few hundred bytes. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

    /**
     * A non-2xx answer: its status, its headers, and its body when it is JSON (a missing node otherwise), so that a
     * provider can tell a spent quota from a rate limit or a bad key from a bad parameter. Neither is ever put in a
     * {@link ProviderException}'s message as it came.
     */
    public record ErrorResponse(int status, HttpHeaders headers, JsonNode json) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The {@code Retry-After} header as a duration, or null when there is none. */
        public Duration retryAfter() {
            return JsonHttpClient.retryAfter(header("Retry-After"));
        }
    }

    /** Turns an upstream's error answer into the failure a provider reports. */
    @FunctionalInterface
    public interface Failures {

        /** The failure for {@code response}, or null to leave it to {@link JsonHttpClient#failure(ErrorResponse)}. */
        ProviderException map(ErrorResponse response);
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String upstream;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private volatile HttpClient http;

    /**
     * @param upstream the name failures are reported under, such as {@code searxng}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the whole response once connected
     */
    public JsonHttpClient(String upstream, Duration connectTimeout, Duration readTimeout) {
        this.upstream = upstream;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = "portafunc (" + upstream + " client)";
        Snapshots.register(this);
    }

    /** The JDK client, made at the first call after this one was made or dropped. */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** Drops the JDK client and its connections: it shuts down once the calls it is making are answered. */
    @Override
    public void beforeSnapshot() {
        HttpClient client;
        synchronized (this) {
            client = http;
            http = null;
        }
        if (client != null) {
            client.shutdown();
        }
    }

    /** Whether the JDK client is made, for tests. */
    boolean connected() {
        return http != null;
    }

    public <T> T get(URI uri, Class<T> type) {
        return get(uri, Map.of(), type, response -> null);
    }

    /**
     * A {@code GET} with headers of its own, such as a key read for this call, and the provider's own reading of its
     * error answers. The call's headers win over any of the same name bound in {@link OutgoingHeaders}.
     */
    public <T> T get(URI uri, Map<String, String> headers, Class<T> type, Failures failures) {
        return send(request(uri).GET(), headers, type, failures);
    }

    private static HttpRequest.Builder request(URI uri) {
        // Plain http stays on HTTP/1.1 and its pool of connections: an h2c upgrade would put every call on one
        // connection, so that a single reset (an upstream restarting, a proxy) failed all the calls in flight at once.
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        return HttpRequest.newBuilder(uri).version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    }

    public <T> T post(URI uri, Object body, Class<T> type) {
        return post(uri, Map.of(), body, type, response -> null);
    }

    /** A {@code POST} of {@code body} as JSON, with headers of its own and the provider's reading of its errors. */
    public <T> T post(URI uri, Map<String, String> headers, Object body, Class<T> type, Failures failures) {
        byte[] json = JSON.writeValueAsBytes(body);
        return send(
                request(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)),
                headers,
                type,
                failures);
    }

    private <T> T send(HttpRequest.Builder builder, Map<String, String> headers, Class<T> type, Failures failures) {
        OutgoingHeaders.current().forEach(builder::setHeader);
        headers.forEach(builder::setHeader);
        HttpRequest request = builder.timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
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
            ErrorResponse error = new ErrorResponse(status, response.headers(), errorJson(response.body()));
            ProviderException mapped = failures.map(error);
            throw mapped != null ? mapped : failure(error);
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

    private static JsonNode errorJson(byte[] body) {
        if (body.length == 0 || body.length > MAX_ERROR_BYTES) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? MissingNode.getInstance() : json;
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }

    /**
     * The failure for an error answer when the provider reads nothing more into it: a rate limit or an outage is worth
     * trying again later, a timeout is a timeout, and anything else is a rejection.
     */
    public ProviderException failure(ErrorResponse error) {
        int status = error.status();
        Duration retryAfter = error.retryAfter();
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
