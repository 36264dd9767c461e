package dev.portafunc.platform.cloudevents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The row of the table in {@code deploy/knative/README.md} that needs a context of its own: portafunc's own limit of
 * calls per second to a paid provider answers 429 with {@code Retry-After: 1}, which Eventing retries, and which is
 * not remembered, so the retry a second later is answered.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=AIzaTEST-not-a-real-key",
            "portafunc.search.google.engine-id=0123456789abcdef0",
            "portafunc.search.google.calls-per-second=1",
            "portafunc.search.resilience.cache-ttl=0",
            "portafunc.search.resilience.max-attempts=1"
        })
class CloudEventsRateLimitTest extends WithGoogleStandIn {

    @Autowired
    MeterRegistry meters;

    @Test
    void tooManyRequestsIsRetriedAfterASecondAndNotRemembered() throws InterruptedException {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(Fixtures.read("google/search-serverless.json"))));
        Http http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
        URI search = URI.create("http://127.0.0.1:" + port + "/search");
        String id = UUID.randomUUID().toString();

        Response first = http.send(
                CloudEventsRetriesTest.binaryEvent(search, "first-" + id, "application/json", "{\"query\":\"one\"}"),
                null);
        Response limited = http.send(
                CloudEventsRetriesTest.binaryEvent(search, id, "application/json", "{\"query\":\"two\"}"), null);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("urn:portafunc:problem:too-many-requests");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(CloudEvents.isRetried(limited.status())).isTrue();

        Thread.sleep(1100); // as Eventing would, at least Retry-After later
        Response retried = http.send(
                CloudEventsRetriesTest.binaryEvent(search, id, "application/json", "{\"query\":\"two\"}"), null);

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.header("ce-id")).isNotBlank();
        assertThat(meters.get(DuplicateEvents.METRIC)
                        .tag("mode", "binary")
                        .counter()
                        .count())
                .as("the retry was answered afresh")
                .isZero();
    }
}
