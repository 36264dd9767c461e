package dev.portafunc.search.vertex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.Snapshots;
import dev.portafunc.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VertexSearchProviderTest {

    static final String KEY = "AIzaVERTEX-not-a-real-key-0123456789";
    static final String TOKEN = "ya29.portafunc-test-access-token-not-real";
    static final String CONFIG =
            "projects/portafunc-test/locations/global/collections/default_collection/engines/docs-app/servingConfigs/"
                    + "default_search";
    static final String SEARCH = "/v1/" + CONFIG + ":search";
    static final String SEARCH_LITE = "/v1/" + CONFIG + ":searchLite";

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final AtomicInteger credentialLookups = new AtomicInteger();

    /** A service account whose token endpoint is the WireMock server. */
    GoogleCredentials serviceAccount() {
        String json =
                Fixtures.read("vertex/service-account.json").replace("{{token_uri}}", google.baseUrl() + "/token");
        try {
            return ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VertexSearchProvider provider(Supplier<String> key) {
        return provider(key, () -> {
            credentialLookups.incrementAndGet();
            return serviceAccount();
        });
    }

    VertexSearchProvider provider(Supplier<String> key, Supplier<GoogleCredentials> credentials) {
        return provider(key, credentials, Duration.ofSeconds(2));
    }

    VertexSearchProvider provider(Supplier<String> key, Supplier<GoogleCredentials> credentials, Duration readTimeout) {
        // 2026-12-07 20:00 UTC is 12:00 in Los Angeles: a daily quota resets in 12 hours.
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);
        return new VertexSearchProvider(
                CONFIG, key, URI.create(google.baseUrl()), Duration.ofSeconds(1), readTimeout, credentials, clock);
    }

    VertexSearchProvider withKey() {
        return provider(() -> KEY);
    }

    VertexSearchProvider withOAuth() {
        return provider(() -> null);
    }

    void answer(String path, int status, String fixture) {
        google.stubFor(post(urlEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(Fixtures.read(fixture))));
    }

    void issueTokens() {
        answer("/token", 200, "vertex/token.json");
    }

    static SearchRequest request() {
        return SearchRequest.of("serverless cold start").validated();
    }

    @Test
    void withAnApiKeyTheSearchGoesToSearchLiteWithTheKeyInAHeaderNeverInTheUrl() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        withKey().search(request());

        List<LoggedRequest> requests = google.findAll(postRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        LoggedRequest sent = requests.getFirst();
        assertThat(sent.getUrl()).isEqualTo(SEARCH_LITE).doesNotContain(KEY);
        assertThat(sent.getHeader("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(credentialLookups).hasValue(0);
    }

    @Test
    void theRequestCarriesQueryPageOffsetSafeSearchLanguageAndAsksForSnippets() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        withKey().search(new SearchRequest("serverless cold start", 3, 11, "active", "pt-BR", null).validated());

        google.verify(postRequestedFor(urlEqualTo(SEARCH_LITE)).withRequestBody(equalToJson("""
                        {"query": "serverless cold start", "pageSize": 3, "offset": 10, "safeSearch": true,
                         "languageCode": "pt-BR", "contentSearchSpec": {"snippetSpec": {"returnSnippet": true}}}
                        """)));
    }

    @Test
    void optionsTheRequestDoesNotSetAreLeftOutAndSafeOffIsFalse() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        withKey().search(request());
        withKey().search(new SearchRequest("q", 10, 1, "off", null, null).validated());

        List<LoggedRequest> requests = google.findAll(postRequestedFor(urlEqualTo(SEARCH_LITE)));
        assertThat(requests.get(0).getBodyAsString())
                .isEqualToIgnoringWhitespace("{\"query\":\"serverless cold start\",\"pageSize\":10,\"offset\":0,"
                        + "\"contentSearchSpec\":{\"snippetSpec\":{\"returnSnippet\":true}}}");
        assertThat(requests.get(1).getBodyAsString()).contains("\"safeSearch\":false");
    }

    @Test
    void aSiteCannotBeHonouredSoTheRequestIsInvalidForThisProviderWithoutACall() {
        assertThatThrownBy(() -> withKey().search(new SearchRequest("q", 10, 1, null, null, "example.org").validated()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("site"));
        assertThat(google.findAll(postRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void theKeyIsReadForEachCallSoARotatedKeyNeedsNoRestart() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");
        AtomicReference<String> key = new AtomicReference<>("AIzaOLD-not-a-real-key");
        VertexSearchProvider provider = provider(key::get);

        provider.search(request());
        key.set("AIzaNEW-not-a-real-key");
        provider.search(request());

        List<LoggedRequest> requests = google.findAll(postRequestedFor(urlEqualTo(SEARCH_LITE)));
        assertThat(requests)
                .extracting(r -> r.getHeader("x-goog-api-key"))
                .containsExactly("AIzaOLD-not-a-real-key", "AIzaNEW-not-a-real-key");
    }

    @Test
    void withoutAKeyTheSearchGoesToSearchWithTheServiceAccountsBearerTokenReusedOnTheNextCall() {
        issueTokens();
        answer(SEARCH, 200, "vertex/search-website.json");
        VertexSearchProvider provider = withOAuth();

        provider.search(request());
        provider.search(request());

        List<LoggedRequest> tokenRequests = google.findAll(postRequestedFor(urlEqualTo("/token")));
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.getFirst().getBodyAsString())
                .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                .contains("assertion=");
        List<LoggedRequest> searches = google.findAll(postRequestedFor(urlEqualTo(SEARCH)));
        assertThat(searches).hasSize(2);
        assertThat(searches).allSatisfy(search -> {
            assertThat(search.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(search.containsHeader("x-goog-api-key")).isFalse();
            assertThat(search.getUrl()).doesNotContain(TOKEN);
        });
        assertThat(credentialLookups).hasValue(1);
    }

    @Test
    void afterASnapshotTheCredentialsAndTheirTokenAreLookedUpAgain() {
        issueTokens();
        answer(SEARCH, 200, "vertex/search-website.json");
        VertexSearchProvider provider = withOAuth();
        provider.search(request());

        Snapshots.beforeSnapshot();
        provider.search(request());

        assertThat(credentialLookups).hasValue(2);
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
    }

    @Test
    void theTokenRequestAsksForTheCloudPlatformScope() {
        issueTokens();
        answer(SEARCH, 200, "vertex/search-website.json");

        withOAuth().search(request());

        String assertion = google.findAll(postRequestedFor(urlEqualTo("/token")))
                .getFirst()
                .formParameters()
                .get("assertion")
                .firstValue();
        String claims =
                new String(java.util.Base64.getUrlDecoder().decode(assertion.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"scope\":\"https://www.googleapis.com/auth/cloud-platform\"")
                .contains("portafunc-search@portafunc-test.iam.gserviceaccount.com");
    }

    @Test
    void aKeyThatAppearsLaterMovesTheSearchToSearchLite() {
        issueTokens();
        answer(SEARCH, 200, "vertex/search-website.json");
        answer(SEARCH_LITE, 200, "vertex/search-website.json");
        AtomicReference<String> key = new AtomicReference<>(" ");
        VertexSearchProvider provider = provider(key::get);

        provider.search(request());
        key.set(KEY);
        provider.search(request());

        google.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
        google.verify(1, postRequestedFor(urlEqualTo(SEARCH_LITE)).withHeader("Authorization", absent()));
    }

    @Test
    void theResultsAreMappedFromDerivedStructData() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        SearchResults results = withKey().search(new SearchRequest("cold start", 3, 1, null, null, null).validated());

        assertThat(results.provider()).isEqualTo("vertex");
        assertThat(results.query()).isEqualTo("cold start");
        assertThat(results.totalResults()).isEqualTo(214L);
        assertThat(results.nextStart()).isEqualTo(4);
        assertThat(results.items())
                .extracting(SearchItem::link)
                .containsExactly(
                        "https://docs.example.org/serverless/cold-starts",
                        "https://blog.example.net/scale-to-zero",
                        "https://www.example.com/lambda/warm");
        SearchItem first = results.items().getFirst();
        assertThat(first.title()).isEqualTo("Cold starts in serverless functions");
        assertThat(first.displayLink()).isEqualTo("docs.example.org");
        assertThat(first.htmlSnippet()).contains("<b>cold start</b>");
        assertThat(first.snippet())
                .isEqualTo("A cold start happens when a function's first request has to wait for a new instance to"
                        + " boot ...");
    }

    @Test
    void aPageWithoutASnippetHasNoneRatherThanGooglesPlaceholder() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        SearchItem second = withKey().search(request()).items().get(1);

        assertThat(second.title()).isEqualTo("Scale to zero &amp; what it costs");
        assertThat(second.snippet()).isNull();
        assertThat(second.htmlSnippet()).isNull();
    }

    @Test
    void aResultWithoutADisplayLinkShowsItsHost() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        assertThat(withKey().search(request()).items().get(2).displayLink()).isEqualTo("www.example.com");
    }

    @Test
    void theLastPageHasNoNextStart() {
        answer(SEARCH_LITE, 200, "vertex/search-last-page.json");

        SearchResults results = withKey().search(new SearchRequest("q", 10, 21, null, null, null).validated());

        assertThat(results.items()).hasSize(1);
        assertThat(results.totalResults()).isEqualTo(21L);
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void aNextPageBeyondTheHundredthResultIsNotOffered() {
        answer(SEARCH_LITE, 200, "vertex/search-website.json");

        SearchResults results = withKey().search(new SearchRequest("q", 3, 91, null, null, null).validated());

        assertThat(results.nextStart()).isNull();
    }

    @Test
    void noResultsIsAnEmptyPage() {
        answer(SEARCH_LITE, 200, "vertex/search-no-results.json");

        SearchResults results = withKey().search(request());

        assertThat(results.items()).isEmpty();
        assertThat(results.totalResults()).isZero();
        assertThat(results.nextStart()).isNull();
    }

    ProviderException failureFor(VertexSearchProvider provider) {
        try {
            provider.search(request());
        } catch (ProviderException e) {
            assertThat(e.provider()).isEqualTo("vertex");
            assertThat(e.getMessage())
                    .doesNotContain(KEY)
                    .doesNotContain(TOKEN)
                    .doesNotContain("123456789012")
                    .doesNotContain("http");
            assertThat(e.getCause()).isNull();
            return e;
        }
        throw new AssertionError("the search did not fail");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            error-400-api-key-invalid.json               | 400 | rejected the API key (INVALID_ARGUMENT, API_KEY_INVALID)
            error-400-searchlite-not-public-website.json | 400 | searchLite serves public website data stores only (FAILED_PRECONDITION)
            error-400-invalid-argument.json              | 400 | rejected the query (INVALID_ARGUMENT)
            error-401-unauthenticated.json               | 401 | refused the credentials (UNAUTHENTICATED, ACCESS_TOKEN_EXPIRED)
            error-403-iam-permission-denied.json         | 403 | refused access (PERMISSION_DENIED, IAM_PERMISSION_DENIED)
            error-403-service-disabled.json              | 403 | refused access (PERMISSION_DENIED, SERVICE_DISABLED)
            error-404-not-found.json                     | 404 | has no such serving config (NOT_FOUND)
            """)
    void aRefusalIsRejectedWithGooglesCodesButNotItsWords(String fixture, int status, String detail) {
        answer(SEARCH_LITE, status, "vertex/" + fixture);

        ProviderException e = failureFor(withKey());

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage())
                .contains(detail)
                .doesNotContain("Please pass")
                .doesNotContain("denied on");
    }

    @Test
    void aRefusalOnTheOAuthPathKeepsTheTokenOutOfTheMessage() {
        issueTokens();
        answer(SEARCH, 403, "vertex/error-403-iam-permission-denied.json");

        ProviderException e = failureFor(withOAuth());

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void aRateLimitIsATransientUnavailableWithGooglesRetryAfter() {
        google.stubFor(post(urlEqualTo(SEARCH_LITE))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "11")
                        .withBody(Fixtures.read("vertex/error-429-per-minute.json"))));

        ProviderException e = failureFor(withKey());

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(11));
        assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED").doesNotContain("project_number");
    }

    @Test
    void aSpentDailyQuotaFailsUntilMidnightPacificTime() {
        answer(SEARCH_LITE, 429, "vertex/error-429-per-day.json");

        ProviderException e = failureFor(withKey());

        assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofHours(12));
    }

    @Test
    void anOutageIsATransientUnavailable() {
        answer(SEARCH_LITE, 503, "vertex/error-503.json");

        ProviderException e = failureFor(withKey());

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void anInternalErrorIsATransientRejection() {
        answer(SEARCH_LITE, 500, "vertex/error-500.json");

        ProviderException e = failureFor(withKey());

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aGatewayTimeoutIsATimeout() {
        google.stubFor(post(urlEqualTo(SEARCH_LITE)).willReturn(aResponse().withStatus(504)));

        assertThat(failureFor(withKey()).reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void aSlowAnswerTimesOut() {
        google.stubFor(post(urlEqualTo(SEARCH_LITE))
                .willReturn(aResponse()
                        .withFixedDelay(1500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("vertex/search-website.json"))));

        ProviderException e = failureFor(provider(() -> KEY, this::serviceAccount, Duration.ofMillis(300)));

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void aResetConnectionIsUnavailable() {
        google.stubFor(post(urlEqualTo(SEARCH_LITE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(failureFor(withKey()).reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aMalformedAnswerIsRejected() {
        google.stubFor(post(urlEqualTo(SEARCH_LITE))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"results\": [{\"document\": ")));

        assertThat(failureFor(withKey()).reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void aServiceAccountGoogleRefusesATokenIsRejectedWithoutItsAnswer() {
        answer("/token", 400, "vertex/error-token-invalid-grant.json");

        ProviderException e = failureFor(withOAuth());

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("refused to issue an access token").doesNotContain("invalid_grant");
        google.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aTokenServiceOutageIsATransientUnavailable() {
        google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)));

        ProviderException e = failureFor(withOAuth());

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        google.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void withoutAKeyOrCredentialsTheSearchIsRejectedAndTheProviderSaysItIsUnusable() {
        VertexSearchProvider provider = provider(() -> "", () -> {
            credentialLookups.incrementAndGet();
            throw new UncheckedIOException(new IOException("The Application Default Credentials are not available."));
        });
        assertThat(provider.unusable()).isEmpty();

        ProviderException e = failureFor(provider);
        failureFor(provider);

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("GOOGLE_APPLICATION_CREDENTIALS");
        assertThat(provider.unusable())
                .hasValueSatisfying(reason -> assertThat(reason).contains("no Application Default Credentials"));
        assertThat(credentialLookups).as("the environment is looked at once").hasValue(1);
        google.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aKeyMakesAProviderWithoutCredentialsUsableAgain() {
        AtomicReference<String> key = new AtomicReference<>(null);
        VertexSearchProvider provider = provider(key::get, () -> null);
        failureFor(provider);
        assertThat(provider.unusable()).isPresent();

        key.set(KEY);

        assertThat(provider.unusable()).isEmpty();
    }

    @Test
    void aProviderWithAKeyIsUsable() {
        assertThat(withKey().unusable()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "projects/p/locations/global/collections/default_collection/engines/app/servingConfigs/default_search",
                "projects/p/locations/eu/collections/default_collection/dataStores/site_17/servingConfigs/default_config",
                "projects/123/locations/us/dataStores/docs/servingConfigs/default_serving_config"
            })
    void theThreeServingConfigShapesOfTheDiscoveryDocumentAreAccepted(String servingConfig) {
        assertThatCode(() -> new VertexSearchProvider(
                        servingConfig, () -> KEY, null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "default_search",
                "projects/p/locations/global/engines/app/servingConfigs/default_search",
                "projects/p/locations/global/collections/c/engines/app",
                "projects/p/locations/global/collections/c/engines/app/servingConfigs/default_search:search",
                "projects/../locations/global/collections/c/engines/app/servingConfigs/s",
                "/v1/projects/p/locations/global/collections/c/engines/app/servingConfigs/s"
            })
    void aServingConfigOfAnotherShapeIsRefusedAtConstructionSayingWhatItShouldBe(String servingConfig) {
        assertThatThrownBy(() -> new VertexSearchProvider(
                        servingConfig, () -> KEY, null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projects/PROJECT/locations/global/collections/default_collection/engines/APP")
                .hasMessageContaining("was '" + servingConfig + "'");
    }

    @Test
    void theDefaultRootIsDiscoveryEnginesGlobalEndpoint() {
        assertThat(VertexSearchProvider.DEFAULT_ROOT_URL).hasToString("https://discoveryengine.googleapis.com");
    }
}
