package dev.portafunc.platform.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reply's {@code type} and {@code source} follow {@code portafunc.cloudevents.type-prefix} and
 * {@code portafunc.cloudevents.source} (their defaults are held by {@code FunctionContract}), and an event delivered
 * again is answered with the same reply event, in either mode, and counted.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.cloudevents.type-prefix=com.example.portafunc",
            "portafunc.cloudevents.source=urn:example:search-service"
        })
class CloudEventsSettingsTest {

    static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    Response binary(String path, String id) {
        return http().send(
                        CloudEventsRetriesTest.binaryEvent(
                                URI.create("http://127.0.0.1:" + port + path),
                                id,
                                "application/json",
                                "{\"query\":\"knative eventing\"}"),
                        null);
    }

    Response structured(String id) {
        String event = """
                {"specversion":"1.0","id":"%s","type":"com.example.search.requested","source":"/example",
                 "datacontenttype":"application/json","data":{"query":"knative eventing"}}
                """.formatted(id);
        return http().post("/", CloudEvents.STRUCTURED, null, event);
    }

    @Test
    void theTypePrefixSettingStartsEachReplysType() {
        Response search = binary("/search", UUID.randomUUID().toString());
        Response digest = structured(UUID.randomUUID().toString());

        assertThat(search.header("ce-type")).isEqualTo("com.example.portafunc.search.results");
        assertThat(JSON.readTree(digest.body()).get("type").asString())
                .isEqualTo("com.example.portafunc.manipulate.digest");
    }

    @Test
    void theSourceSettingIsEachReplysSource() {
        Response binary = binary("/search", UUID.randomUUID().toString());
        Response structured = structured(UUID.randomUUID().toString());

        assertThat(binary.header("ce-source")).isEqualTo("urn:example:search-service");
        assertThat(JSON.readTree(structured.body()).get("source").asString()).isEqualTo("urn:example:search-service");
    }

    @Test
    void aBinaryEventDeliveredAgainGetsTheSameReplyEventAndIsCounted() {
        String id = UUID.randomUUID().toString();
        double before = duplicates("binary");

        Response first = binary("/search", id);
        Response again = binary("/search", id);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ce-id")).isEqualTo(first.header("ce-id"));
        assertThat(again.header("ce-type")).isEqualTo(first.header("ce-type"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(duplicates("binary") - before).isEqualTo(1);
        assertThat(binary("/search", UUID.randomUUID().toString()).header("ce-id"))
                .as("another event gets another reply")
                .isNotEqualTo(first.header("ce-id"));
    }

    @Test
    void aStructuredEventDeliveredAgainGetsTheSameReplyEventAndIsCounted() {
        String id = UUID.randomUUID().toString();
        double before = duplicates("structured");

        Response first = structured(id);
        Response again = structured(id);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(first.body());
        assertThat(JSON.readTree(again.body())).isEqualTo(reply);
        assertThat(reply.get("id").asString()).isNotEqualTo(id);
        assertThat(duplicates("structured") - before).isEqualTo(1);
    }

    /** The counter as Prometheus scrapes it. */
    double duplicates(String mode) {
        String line = "portafunc_cloudevents_duplicates_total{mode=\"" + mode + "\"} ";
        return http().get("/_/metrics", "text/plain")
                .body()
                .lines()
                .filter(metric -> metric.startsWith(line))
                .mapToDouble(metric ->
                        Double.parseDouble(metric.substring(line.length()).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + line.strip() + " in /_/metrics"));
    }
}
