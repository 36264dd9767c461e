package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.PortafuncApplication;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code manipulate} deployed apart from {@code search}: this application calls a second instance, started on
 * loopback as the {@code search} function, over HTTP. Its own provider points nowhere, so a result can only have
 * come from the other instance.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.function.definition=manipulate",
            "portafunc.search.provider=searxng",
            "portafunc.search.searxng.url=http://127.0.0.1:9/"
        })
class RemoteSearchApplicationTest {

    static ConfigurableApplicationContext searchInstance;

    @DynamicPropertySource
    static void startSearchInstance(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.remote.url", () -> {
            // As arguments: they come before application.properties, whose server.port=${PORT:8080} a default would not
            searchInstance = new SpringApplicationBuilder(PortafuncApplication.class)
                    .run("--server.port=0", "--spring.cloud.function.definition=search");
            int port = Integer.parseInt(searchInstance.getEnvironment().getProperty("local.server.port"));
            return "http://127.0.0.1:" + port + "/v2/search";
        });
    }

    @AfterAll
    static void stopSearchInstance() {
        if (searchInstance != null) {
            searchInstance.close();
        }
    }

    @LocalServerPort
    int port;

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @Test
    void manipulateGivenOnlyAQueryGetsTheResultsFromTheDeployedSearchFunction() {
        Response response = http().post("/", "text/plain", "application/json", "apache lucene");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"provider\":\"local\"").contains("<mark>Lucene</mark>");
    }

    @Test
    void noRequestCanChooseWhereTheSearchGoes() {
        Response headers = http().send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/manipulate"))
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-Host", "evil.example")
                                .header("portafunc.search.remote.url", "http://127.0.0.1:9/")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"query\":\"apache lucene\"}")),
                        "application/json");
        Response fields = http().post(
                        "/v2/manipulate",
                        "application/json",
                        "application/json",
                        "{\"query\":\"apache lucene\",\"url\":\"http://127.0.0.1:9/\",\"remote\":\"http://127.0.0.1:9/\"}");

        assertThat(headers.status()).as(headers.body()).isEqualTo(200);
        assertThat(headers.body()).contains("\"provider\":\"local\"");
        // a field the input does not have is refused, not ignored: the caller learns it chose nothing
        assertThat(fields.status()).as(fields.body()).isEqualTo(400);
        assertThat(fields.body()).contains("\"field\":\"url\"");
    }

    @Test
    void theSearchInstanceBeingDownIs503() {
        Response response = new Http(URI.create("http://127.0.0.1:" + port + "/"))
                .post("/v2/search", "text/plain", "application/json", "apache lucene");

        // This instance's own search function uses its (unreachable) provider: the failure is mapped, not a 500.
        assertThat(response.status()).isEqualTo(503);
    }
}
