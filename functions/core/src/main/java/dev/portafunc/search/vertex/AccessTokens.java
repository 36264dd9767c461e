package dev.portafunc.search.vertex;

import com.google.auth.Retryable;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.Snapshots;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OAuth headers of a call to Vertex AI Search, from Google credentials scoped to {@value #SCOPE}. The credentials
 * are looked up once; the auth library caches their access token and refreshes it before it expires, so most calls
 * reuse it. Before a process snapshot the credentials, their token and their connections are dropped
 * ({@link Snapshots}): a restored copy looks them up again.
 */
final class AccessTokens implements Snapshots.Hook {

    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    static final String NO_CREDENTIALS = "it has no API key, and no Application Default Credentials were found (set"
            + " GOOGLE_APPLICATION_CREDENTIALS to a credentials file, or run where Google provides them)";

    private final String provider;
    private final Supplier<GoogleCredentials> source;
    private GoogleCredentials credentials;
    private volatile String missing;

    AccessTokens(String provider, Supplier<GoogleCredentials> source) {
        this.provider = provider;
        this.source = source;
        Snapshots.register(this);
    }

    @Override
    public synchronized void beforeSnapshot() {
        credentials = null;
        missing = null;
    }

    /** Why no credentials can be had, once looking them up has failed: the environment does not change at run time. */
    Optional<String> missing() {
        return Optional.ofNullable(missing);
    }

    /** The headers that authorize a call to {@code uri}: {@code Authorization}, and a quota project when set. */
    Map<String, String> headers(URI uri) {
        GoogleCredentials credentials = credentials();
        Map<String, List<String>> metadata;
        try {
            metadata = credentials.getRequestMetadata(uri);
        } catch (IOException e) {
            throw tokenFailure(e);
        } catch (RuntimeException e) {
            throw new ProviderException(
                    provider, Reason.REJECTED, "The credentials for Vertex AI Search could not give an access token");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.getFirst());
            }
        });
        return headers;
    }

    private synchronized GoogleCredentials credentials() {
        if (credentials != null) {
            return credentials;
        }
        if (missing != null) {
            throw new ProviderException(provider, Reason.REJECTED, "Vertex AI Search cannot be called: " + missing);
        }
        GoogleCredentials found;
        try {
            found = source.get();
        } catch (RuntimeException e) {
            found = null;
        }
        if (found == null) {
            missing = NO_CREDENTIALS;
            throw new ProviderException(provider, Reason.REJECTED, "Vertex AI Search cannot be called: " + missing);
        }
        GoogleCredentials scoped = found.createScoped(List.of(SCOPE));
        // Providers do not retry, the resilience guard around them does: the library's own retries of the token
        // endpoint would hold a search for seconds while Google's token service is down.
        if (scoped instanceof ServiceAccountCredentials serviceAccount) {
            scoped = serviceAccount.createWithCustomRetryStrategy(false);
        }
        credentials = scoped;
        return credentials;
    }

    /** A token endpoint's failure, said without its answer (which may echo a client id or an assertion). */
    private ProviderException tokenFailure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new ProviderException(provider, Reason.TIMEOUT, "Google's token service did not answer in time");
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return ProviderException.transientFailure(
                    provider, Reason.UNAVAILABLE, "Google's token service could not be reached", null);
        }
        if (e instanceof Retryable retryable && !retryable.isRetryable()) {
            return new ProviderException(
                    provider,
                    Reason.REJECTED,
                    "Google refused to issue an access token for the credentials (check the service account, its key"
                            + " and GOOGLE_APPLICATION_CREDENTIALS)");
        }
        return ProviderException.transientFailure(
                provider, Reason.UNAVAILABLE, "Google's token service could not issue an access token", null);
    }
}
