package dev.portafunc.search.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The application on the google provider, Google played by WireMock with the API's recorded response shapes. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=" + GoogleProviderApplicationTest.KEY,
            "portafunc.search.google.engine-id=0123456789abcdef0",
            "portafunc.search.google.read-timeout=500ms",
            // each test sees Google's answer itself: no cache, no retries (ResilienceApplicationTest covers those)
            "portafunc.search.resilience.cache-ttl=0",
            "portafunc.search.resilience.max-attempts=1"
        })
@ExtendWith(OutputCaptureExtension.class)
class GoogleProviderApplicationTest extends WithGoogleStandIn {

    static final String KEY = "AIzaSECRET-key-that-must-never-leak-42";

    Http http;

    @BeforeEach
    void client() {
        http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @AfterEach
    void reset() {
        google.resetAll();
    }

    void answer(int status, String fixture, String retryAfter) {
        var response = aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Fixtures.read(fixture));
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        google.stubFor(get(urlPathEqualTo("/customsearch/v1")).willReturn(response));
    }

    Response searchManipulate() {
        return http.post("/v2/searchManipulate", "text/plain", "application/json", "serverless cold start");
    }

    static void assertNoKey(Response response, CapturedOutput output) {
        assertThat(response.body()).doesNotContain(KEY);
        assertThat(response.headers().map().toString()).doesNotContain(KEY);
        assertThat(output.getAll()).doesNotContain(KEY);
    }

    @Test
    void searchManipulateOnGoogleResults(CapturedOutput output) {
        answer(200, "google/search-serverless.json", null);

        Response response = searchManipulate();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"provider\":\"google\"")
                .contains("\"title\":\"Understanding Cold Starts in Serverless Functions\"")
                .contains("\"html\":\"A <mark>cold</mark> <mark>start</mark> happens")
                .contains("\"title\":\"Scale to zero & what it costs\"");
        assertNoKey(response, output);
    }

    @Test
    void dailyQuotaSpentIs503UntilMidnightPacific(CapturedOutput output) {
        answer(429, "google/error-429-per-day.json", null);

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("urn:portafunc:problem:quota-exceeded");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 25L * 3600);
        assertNoKey(response, output);
    }

    @Test
    void rateLimitedIs503WithGooglesRetryAfter(CapturedOutput output) {
        answer(429, "google/error-429-per-minute.json", "20");

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("urn:portafunc:problem:provider-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("20");
        assertNoKey(response, output);
    }

    @Test
    void anInvalidKeyIs502WithoutTheKey(CapturedOutput output) {
        answer(400, "google/error-400-key-invalid.json", null);

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.body()).contains("urn:portafunc:problem:provider-rejected");
        assertNoKey(response, output);
    }

    @Test
    void aDisabledApiIs502(CapturedOutput output) {
        answer(403, "google/error-403-disabled.json", null);

        assertThat(searchManipulate().status()).isEqualTo(502);
    }

    @Test
    void googleFailingIs502(CapturedOutput output) {
        answer(500, "google/error-500.json", null);

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(502);
        assertNoKey(response, output);
    }

    @Test
    void googleTooSlowIs504(CapturedOutput output) {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("{}")));

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.body()).contains("urn:portafunc:problem:provider-timeout");
        assertNoKey(response, output);
    }

    @Test
    void googleUnreachableIs503(CapturedOutput output) {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Response response = searchManipulate();

        assertThat(response.status()).isEqualTo(503);
        assertNoKey(response, output);
    }
}
