package dev.portafunc.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.contract.Readiness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image as the three Knative Services in deploy/knative run it: same image, the function picked by
 * SPRING_CLOUD_FUNCTION_DEFINITION, PORT and K_* set by the platform, read-only root, non-root. {@code manipulate}
 * calls {@code search} over HTTP (its own provider points nowhere, so its results can only come from there).
 */
class KnativeContainerIT {

    record Service(String name, String definition, URI base) {}

    static final List<Service> services = new ArrayList<>();
    static Service search;
    static Service manipulate;
    static Service searchManipulate;

    @BeforeAll
    static void deploy() {
        Podman.requireImage();
        search = start("search", "search", List.of());
        manipulate = start(
                "manipulate",
                "manipulate",
                List.of(
                        "-e", "PORTAFUNC_SEARCH_REMOTE_URL=" + search.base().resolve("/v2/search"),
                        "-e", "PORTAFUNC_SEARCH_PROVIDER=searxng",
                        "-e", "PORTAFUNC_SEARCH_SEARXNG_URL=http://127.0.0.1:9"));
        searchManipulate = start("search-manipulate", "searchManipulate", List.of());
    }

    static Service start(String name, String definition, List<String> extra) {
        int port = Podman.freePort();
        List<String> options = Podman.asPlatformsRun(
                port,
                "65532:65532",
                "-e",
                "K_SERVICE=" + name,
                "-e",
                "K_CONFIGURATION=" + name,
                "-e",
                "K_REVISION=" + name + "-00001",
                "-e",
                "SPRING_CLOUD_FUNCTION_DEFINITION=" + definition);
        options.addAll(extra);
        String container = "knative-" + name;
        Podman.start(container, options);
        Service service = new Service(container, definition, URI.create("http://127.0.0.1:" + port + "/"));
        services.add(service);
        Readiness.await(service.base(), Duration.ofSeconds(60), () -> Podman.logs(container));
        return service;
    }

    @AfterAll
    static void remove() {
        services.forEach(s -> Podman.remove(s.name()));
    }

    @Test
    void eachServiceRunsItsFunctionAtTheRoot() {
        Response results = new Http(search.base()).post("/", "text/plain", "application/json", "lucene");
        Response digest = new Http(manipulate.base()).post("/", "text/plain", "application/json", "lucene");
        Response composed = new Http(searchManipulate.base()).post("/", "text/plain", "text/html", "lucene");

        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body()).contains("\"displayLink\"").contains("\"provider\":\"local\"");
        assertThat(digest.status()).as(digest.body()).isEqualTo(200);
        assertThat(digest.body()).contains("<mark>Lucene</mark>").contains("\"provider\":\"local\"");
        assertThat(composed.status()).isEqualTo(200);
        assertThat(composed.body()).startsWith("<section class=\"portafunc-digest\">");
    }

    @Test
    void eachServiceIsHealthyAndReady() {
        for (Service service : services) {
            Http http = new Http(service.base());
            assertThat(http.get("/_/health", null).status()).as(service.name()).isEqualTo(200);
            assertThat(http.get("/_/ready", null).status()).as(service.name()).isEqualTo(200);
        }
    }

    @Test
    void theRevisionIsInTheLogsOnStdout() {
        for (Service service : services) {
            String name = service.name().substring("knative-".length());
            assertThat(Podman.logs(service.name()))
                    .contains("K_SERVICE=" + name)
                    .contains("K_REVISION=" + name + "-00001")
                    .contains("K_CONFIGURATION=" + name);
        }
    }

    @Test
    void aCloudEventIntoEachServiceIsAnsweredWithANewOne() {
        for (Service service : services) {
            Response response = new Http(service.base())
                    .send(
                            HttpRequest.newBuilder(service.base())
                                    .header("Content-Type", "application/json")
                                    .header("ce-specversion", "1.0")
                                    .header("ce-id", "trigger-1")
                                    .header("ce-type", "com.example.query")
                                    .header("ce-source", "/apis/v1/namespaces/default/brokers/default")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"knative\"}")),
                            "application/json");

            assertThat(response.status())
                    .as(service.name() + ": " + response.body())
                    .isEqualTo(200);
            assertThat(response.header("ce-id")).isNotBlank().isNotEqualTo("trigger-1");
            assertThat(response.header("ce-type")).startsWith("dev.portafunc.").isNotEqualTo("com.example.query");
            assertThat(response.header("ce-source"))
                    .isEqualTo("urn:portafunc:function:" + service.name().substring("knative-".length()));
        }
    }
}
