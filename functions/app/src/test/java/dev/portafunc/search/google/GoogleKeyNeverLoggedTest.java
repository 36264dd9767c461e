package dev.portafunc.search.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.portafunc.contract.Http;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The API key never reaches a log line, even with Google's client logging everything it can (its request logging
 * writes URLs and headers at CONFIG, which TRACE lets through) and on every kind of failure: the key travels in a
 * header that client is told not to log, never in the URL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=" + GoogleKeyNeverLoggedTest.KEY,
            "portafunc.search.google.engine-id=cx",
            "portafunc.search.resilience.cache-ttl=0",
            "portafunc.search.resilience.initial-backoff=1ms",
            "logging.level.com.google=trace",
            "logging.level.dev.portafunc=trace",
            "logging.level.org.springframework.cloud.function=trace"
        })
@ExtendWith(OutputCaptureExtension.class)
class GoogleKeyNeverLoggedTest extends WithGoogleStandIn {

    static final String KEY = "AIzaNEVER-IN-A-LOG-LINE-0987654321";

    @Test
    void successRejectionOutageAndResetLeaveNoKeyInTheLogs(CapturedOutput output) {
        Http http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));
        assertThat(http.post("/v2/search", "text/plain", null, "ok").status()).isEqualTo(200);
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/error-400-key-invalid.json"))));
        assertThat(http.post("/v2/search", "text/plain", null, "rejected").status())
                .isEqualTo(502);
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse().withStatus(500).withBody(Fixtures.read("google/error-500.json"))));
        assertThat(http.post("/v2/search", "text/plain", null, "outage").status())
                .isEqualTo(502);
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(http.post("/v2/search", "text/plain", null, "reset").status())
                .isEqualTo(503);

        google.verify(getRequestedFor(urlPathEqualTo("/customsearch/v1")).withHeader("x-goog-api-key", equalTo(KEY)));
        assertThat(output.getAll()).contains("\"level\":\"DEBUG\"").doesNotContain(KEY);
    }
}
