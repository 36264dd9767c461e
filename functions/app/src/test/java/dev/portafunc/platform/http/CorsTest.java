package dev.portafunc.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

/** Cross-origin calls to {@code /v2}, for the search page hosted apart from the functions. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portafunc.web.cors.allowed-origins=https://search.example.org, https://www.example.org")
class CorsTest {

    static final String ALLOWED = "https://search.example.org";
    static final String OTHER = "https://elsewhere.example.net";

    @LocalServerPort
    int port;

    @Test
    void preflightFromAnAllowedOriginIsAllowed() {
        Response response = preflight(port, "/v2/searchManipulate", ALLOWED);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void everyConfiguredOriginIsAllowed() {
        assertThat(preflight(port, "/v2/search", "https://www.example.org").header("Access-Control-Allow-Origin"))
                .isEqualTo("https://www.example.org");
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        Response response = preflight(port, "/v2/searchManipulate", OTHER);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void preflightAskingForAnotherMethodIsRefused() {
        Response response = http().send(
                        preflightRequest(port, "/v2/searchManipulate", ALLOWED)
                                .setHeader("Access-Control-Request-Method", "DELETE"),
                        null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void onlyTheVersionedApiIsOpenToOtherOrigins() {
        assertThat(preflight(port, "/", ALLOWED).header("Access-Control-Allow-Origin"))
                .isNull();
        assertThat(preflight(port, "/searchManipulate", ALLOWED).header("Access-Control-Allow-Origin"))
                .isNull();
    }

    @Test
    void aSearchFromAnAllowedOriginCanBeReadThere() {
        Response response = http().send(post("{\"query\":\"kubernetes\"}", ALLOWED), "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Expose-Headers")).containsIgnoringCase("Retry-After");
    }

    @Test
    void aProblemForAnAllowedOriginCanBeReadThereToo() {
        Response response = http().send(post("{\"query\":\" \"}", ALLOWED), "application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void aSearchFromAnotherOriginIsRefused() {
        Response response = http().send(post("{\"query\":\"kubernetes\"}", OTHER), "application/json");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aSameOriginSearchIsNotCrossOrigin() {
        Response response =
                http().send(post("{\"query\":\"kubernetes\"}", "http://127.0.0.1:" + port), "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anAllowedOriginMustBeAnOrigin() {
        for (String notAnOrigin :
                List.of("*", "https://search.example.org/", "search.example.org", "ftp://example.org", "https://")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new CorsProperties(List.of(notAnOrigin)))
                    .withMessageContaining("'" + notAnOrigin + "' is not an origin");
        }
        assertThat(new CorsProperties(List.of("http://127.0.0.1:8080")).allowedOrigins())
                .containsExactly("http://127.0.0.1:8080");
        assertThat(new CorsProperties(null).allowedOrigins()).isEmpty();
    }

    /** The application as it ships: no origins configured. */
    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutAllowedOrigins {

        @LocalServerPort
        int port;

        @Test
        void noOriginIsAllowed() {
            Response preflight = preflight(port, "/v2/searchManipulate", ALLOWED);
            Response search = http().send(post("{\"query\":\"kubernetes\"}", ALLOWED), "application/json");

            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(search.header("Access-Control-Allow-Origin")).isNull();
        }

        private HttpRequest.Builder post(String body, String origin) {
            return CorsTest.post(port, body, origin);
        }
    }

    private HttpRequest.Builder post(String body, String origin) {
        return post(port, body, origin);
    }

    static HttpRequest.Builder post(int port, String body, String origin) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/searchManipulate"))
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static Response preflight(int port, String path, String origin) {
        return http().send(preflightRequest(port, path, origin), null);
    }

    static HttpRequest.Builder preflightRequest(int port, String path, String origin) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type");
    }

    static Http http() {
        return new Http(URI.create("http://127.0.0.1/"));
    }
}
