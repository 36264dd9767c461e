package dev.portafunc.platform.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.platform.http.OpenApiDocument.Example;
import dev.portafunc.platform.http.OpenApiDocument.Node;
import dev.portafunc.platform.http.OpenApiDocument.Operation;
import dev.portafunc.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description the application serves at {@code /openapi.yaml}, held to the application's real answers:
 * the document is valid OpenAPI 3.1, every example in it is sent, and every answer must be one it describes (status,
 * media type, body, headers). Failures upstream come from SearXNG and Google played by WireMock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiContractTest {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String PROBLEM = "application/problem+json";
    static final List<String> V2 = List.of("/v2/search", "/v2/manipulate", "/v2/searchManipulate");

    /** OpenAPI's own schema of a 3.1 document; see specs/openapi/README.md. */
    static final String OAS_SCHEMA = "/specs/openapi/oas-3.1-schema-2022-10-07.json";

    static final String JSON_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    static final JsonMapper MAPPER = JsonMapper.shared();

    /** SearXNG, or Google, for the nested tests. */
    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @LocalServerPort
    int port;

    URI baseUri;
    Http http;
    OpenApiDocument document;

    @BeforeEach
    void loadTheDocumentFromTheApplication() {
        talkTo(port);
    }

    /** Talks to the application on this port from now on, with the document it serves. */
    void talkTo(int applicationPort) {
        baseUri = URI.create("http://127.0.0.1:" + applicationPort + "/");
        http = new Http(baseUri);
        Response response = http.get("/openapi.yaml", null);
        assertThat(response.status()).as("GET /openapi.yaml").isEqualTo(200);
        document = OpenApiDocument.parse(response.body());
    }

    // --- the document ---

    @Test
    void theDocumentIsServedAsItIsWritten() {
        Response response = http.get("/openapi.yaml", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(resource("/api/openapi.yaml")).startsWith("openapi: 3.1.");
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        Schema openApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(MAPPER.readTree(resource(OAS_SCHEMA)));

        assertThat(OpenApiDocument.describe(openApi.validate(document.root()))).isEmpty();
    }

    @Test
    void everyReferenceLeadsToAPartOfTheDocument() {
        Map<String, String> references = document.references();

        assertThat(references).isNotEmpty();
        assertThat(references)
                .allSatisfy((where, ref) -> assertThat(ref).as(where).startsWith("#/"))
                .allSatisfy(
                        (where, ref) -> assertThat(document.at(ref.substring(1)).isMissing())
                                .as(where + " -> " + ref)
                                .isFalse());
    }

    @Test
    void everySchemaIsValidJsonSchema202012() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(JSON_SCHEMA_2020_12));
        List<Node> schemas = schemaObjects(new Node("", document.root()), new ArrayList<>());

        assertThat(schemas).hasSizeGreaterThan(20);
        assertThat(schemas)
                .allSatisfy(schema -> assertThat(OpenApiDocument.describe(metaSchema.validate(schema.value())))
                        .as(schema.pointer())
                        .isEmpty());
    }

    @Test
    void everyOperationIsWellFormed() {
        List<Operation> operations = document.operations();
        Set<String> tags = new HashSet<>();
        document.at("/tags")
                .elements()
                .forEach(tag -> tags.add(tag.value().get("name").asString()));

        assertThat(operations).extracting(Operation::toString).contains("POST /v2/search", "GET /v1/{text}");
        assertThat(operations)
                .extracting(operation ->
                        operation.node().value().path("operationId").asString())
                .doesNotContain("")
                .doesNotHaveDuplicates();
        for (Operation operation : operations) {
            JsonNode node = operation.node().value();
            assertThat(node.path("tags").valueStream().map(JsonNode::asString))
                    .as(operation + " tags")
                    .isNotEmpty()
                    .allSatisfy(tag -> assertThat(tags).contains(tag));
            assertThat(document.responses(operation).keySet())
                    .as(operation + " answers")
                    .anySatisfy(status -> assertThat(status).isBetween(200, 299));
            assertThat(node.path("responses").propertyNames())
                    .as(operation + ": exact status codes")
                    .allSatisfy(status -> assertThat(status).matches("[1-5][0-9][0-9]"));
            assertThat(pathParameters(operation))
                    .as(operation + ": the template's parameters, each declared in: path, required")
                    .isEqualTo(templateParameters(operation.path()));
        }
    }

    @Test
    void theVersionedApiTakesJsonOrTextAndAnswersEveryErrorAsAProblem() {
        for (String path : V2) {
            Operation operation = operation("post", path);
            Node body = document.resolve(operation.node().get("requestBody"));

            assertThat(OpenApiDocument.content(body).keySet()).as(path).containsExactly(JSON, TEXT);
            assertThat(body.value().path("required").asBoolean()).as(path).isTrue();
            assertThat(document.responses(operation))
                    .as(path)
                    .containsKeys(400, 406, 413, 415, 500, 502, 503, 504)
                    .allSatisfy((status, response) -> {
                        if (status >= 400) {
                            assertThat(OpenApiDocument.content(response).keySet())
                                    .as(path + " " + status)
                                    .containsExactly(PROBLEM);
                        }
                    });
        }
        assertThat(OpenApiDocument.content(document.responses(operation("post", "/v2/manipulate"))
                                .get(200))
                        .keySet())
                .containsExactly(JSON, "text/html", "text/markdown", TEXT);
        assertThat(document.responses(operation("post", "/v2/search"))
                        .get(503)
                        .value()
                        .has("headers"))
                .as("503 says when to try again")
                .isTrue();
    }

    @Test
    void everyExampleFitsItsSchema() {
        for (Operation operation : document.operations()) {
            for (Map.Entry<Integer, Node> response :
                    document.responses(operation).entrySet()) {
                OpenApiDocument.content(response.getValue()).forEach((mediaType, media) -> {
                    for (Example example : document.examples(media)) {
                        assertThat(document.errors(media.get("schema"), instance(mediaType, example.value())))
                                .as(operation + " " + response.getKey() + " " + mediaType + " " + example.name())
                                .isEmpty();
                    }
                });
            }
        }
    }

    @Test
    void everyRequestExampleSaysItsStatusAndFitsItsSchemaExactlyWhenItShouldSucceed() {
        List<String> checked = new ArrayList<>();
        for (Operation operation : document.operations()) {
            // Media Type and Parameter Objects alike hold a schema and examples.
            List<Node> holders = new ArrayList<>(requestContent(operation).values());
            holders.addAll(document.parameters(operation));
            for (Node holder : holders) {
                for (Example example : document.examples(holder)) {
                    String what = operation + " " + example.name();
                    assertThat(example.expectedStatus())
                            .as(what + " x-expected-status")
                            .isNotNull();
                    List<String> errors = document.errors(holder.get("schema"), example.value());
                    if (example.expectedStatus() < 300) {
                        assertThat(errors).as(what + " fits its schema").isEmpty();
                    } else {
                        assertThat(errors)
                                .as(what + " breaks its schema, as it breaks the function")
                                .isNotEmpty();
                    }
                    checked.add(what);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(15);
    }

    @Test
    void theValidatorRejectsWhatTheDocumentDoesNotDescribe() {
        Response real = http.post("/v2/search", TEXT, JSON, "lucene");
        ObjectNode withMadeUpField = (ObjectNode) MAPPER.readTree(real.body());
        withMadeUpField.put("relevance", "high");
        String badDigest = """
                {"query": "lucene", "provider": "local",
                 "items": [{"title": "Apache Lucene", "url": "javascript:alert(1)", "site": "lucene.apache.org",
                            "html": "<mark>Lucene</mark>", "score": 1.5}]}
                """;
        String badProblem = """
                {"type": "urn:portafunc:problem:not-found", "title": "Not found", "status": 404, "detail": "x"}
                """;
        Operation search = operation("post", "/v2/search");
        Operation manipulate = operation("post", "/v2/manipulate");

        assertThat(violations(search, real)).isEmpty();
        assertThat(violations(search, new Response(200, JSON, withMadeUpField.toString(), real.headers())))
                .containsExactly("body: / additionalProperties relevance");
        assertThat(violations(manipulate, new Response(200, JSON, badDigest, real.headers())))
                .containsExactlyInAnyOrder(
                        "body: /items/0 required text", "body: /items/0/url pattern", "body: /items/0/score maximum");
        assertThat(violations(
                        manipulate, new Response(200, "text/html;charset=UTF-8", "<p>lucene</p>", real.headers())))
                .containsExactly("body: / pattern");
        assertThat(violations(manipulate, new Response(400, PROBLEM, badProblem, real.headers())))
                .containsExactlyInAnyOrder("body: /type enum", "body: /status const");
        assertThat(violations(manipulate, new Response(200, "application/xml", "<digest/>", real.headers())))
                .containsExactly("Content-Type application/xml is not one of "
                        + "[application/json, text/html, text/markdown, text/plain]");
        assertThat(violations(manipulate, new Response(418, PROBLEM, badProblem, real.headers())))
                .containsExactly("status 418 is not documented");
    }

    // --- the application, held to the document ---

    @TestFactory
    Stream<DynamicTest> everyExampleGetsTheAnswerTheDocumentDescribes() {
        return document.operations().stream()
                .flatMap(this::calls)
                .map(call -> DynamicTest.dynamicTest(call.toString(), () -> assertDescribed(call, send(call))));
    }

    @Test
    void everyDocumentedOperationIsServed() {
        for (Operation operation : document.operations()) {
            Call call = calls(operation)
                    .filter(c -> c.expectedStatus() < 300)
                    .findFirst()
                    .orElseThrow();

            assertThat(send(call).status()).as(call.toString()).isBetween(200, 299);
        }
    }

    @Test
    void noMethodTheDocumentDoesNotNameIsServedOnItsPaths() {
        Schema problem = document.schema(document.at("/components/schemas/Problem"));
        document.at("/paths").properties().forEach(path -> {
            Set<String> documented = new HashSet<>(path.getValue().value().propertyNames());
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (documented.contains(method)) {
                    continue;
                }
                Operation any = document.operations().stream()
                        .filter(o -> o.path().equals(path.getKey()))
                        .findFirst()
                        .orElseThrow();
                URI uri = calls(any).findFirst().orElseThrow().uri();
                Response response = http.send(
                        HttpRequest.newBuilder(uri)
                                .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString("x"))
                                .header("Content-Type", TEXT),
                        JSON);
                String what = method.toUpperCase(Locale.ROOT) + " " + path.getKey();

                assertThat(response.status()).as(what).isEqualTo(405);
                assertThat(OpenApiDocument.describe(problem.validate(MAPPER.readTree(response.body()))))
                        .as(what)
                        .isEmpty();
                assertThat(Arrays.stream(response.header("Allow").split(","))
                                .map(m -> m.strip().toLowerCase(Locale.ROOT)))
                        .as(what + " Allow")
                        .allSatisfy(allowed -> assertThat(allowed).isIn(union(documented, Set.of("head", "options"))));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/search", "/v2/manipulate", "/v2/searchManipulate"})
    void anEmptyQueryIsADocumented400(String path) {
        Operation operation = operation("post", path);

        assertProblem(operation, http.post(path, JSON, JSON, "{\"query\":\"\"}"), 400, "invalid-input", "query");
        assertProblem(operation, http.post(path, TEXT, JSON, "  \n"), 400, "invalid-input", "query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/search/{text}", "/v1/manipulate/{text}"})
    void anEmptyQueryInThePathIsADocumented400(String path) {
        Response response = http.get(path.replace("{text}", "%20"), null);

        assertProblem(operation("get", path), response, 400, "invalid-input", "query");
    }

    static Stream<Arguments> fieldsOfTheWrongType() {
        return Stream.of(
                Arguments.of("/v2/search", "{\"query\":\"lucene\",\"count\":\"ten\"}", "count"),
                Arguments.of("/v2/searchManipulate", "{\"query\":\"lucene\",\"start\":[1]}", "start"),
                Arguments.of("/v2/manipulate", "{\"query\":\"lucene\",\"items\":\"none\"}", "items"));
    }

    @ParameterizedTest
    @MethodSource("fieldsOfTheWrongType")
    void aFieldOfTheWrongTypeIsADocumented400(String path, String body, String field) {
        assertProblem(operation("post", path), http.post(path, JSON, JSON, body), 400, "malformed-body", field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/search", "/v2/manipulate", "/v2/searchManipulate"})
    void anUnsupportedMediaTypeIsADocumented415(String path) {
        Operation operation = operation("post", path);

        assertProblem(operation, http.post(path, "application/xml", JSON, "<q>x</q>"), 415, "unsupported-media-type");
        assertProblem(
                operation,
                http.post(path, "application/x-www-form-urlencoded", JSON, "query=x"),
                415,
                "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/search", "/v2/manipulate", "/v2/searchManipulate"})
    void aBodyOverTheLimitIsADocumented413(String path) {
        String big = "{\"query\":\"" + "a".repeat(70 * 1024) + "\"}";

        assertProblem(operation("post", path), http.post(path, JSON, JSON, big), 413, "body-too-large");
    }

    @TestFactory
    Stream<DynamicTest> anUnacceptableAcceptIsADocumented406() {
        return document.operations().stream().map(operation -> {
            Call call = calls(operation)
                    .filter(c -> c.expectedStatus() < 300)
                    .findFirst()
                    .orElseThrow()
                    .accepting("image/png");
            return DynamicTest.dynamicTest(
                    call.toString(), () -> assertProblem(operation, send(call), 406, "not-acceptable"));
        });
    }

    @Test
    void onlyManipulateAnswersInTheReadersFormats() {
        Response search = http.post("/v2/search", TEXT, "text/html", "lucene");

        assertThat(OpenApiDocument.content(document.responses(operation("post", "/v2/search"))
                                .get(200))
                        .keySet())
                .containsExactly(JSON);
        assertProblem(operation("post", "/v2/search"), search, 406, "not-acceptable");
    }

    // --- the providers failing ---

    /** The application on SearXNG, played by WireMock, failing in each way the README's error table lists. */
    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=searxng",
                "portafunc.search.searxng.read-timeout=500ms",
                "portafunc.search.resilience.max-attempts=1",
                "portafunc.search.resilience.cache-ttl=0",
                "portafunc.search.resilience.breaker-window=1000"
            })
    class WhenSearxngFails {

        @DynamicPropertySource
        static void searxngUrl(DynamicPropertyRegistry registry) {
            registry.add("portafunc.search.searxng.url", upstream::baseUrl);
        }

        @LocalServerPort
        int searxngPort;

        @BeforeEach
        void toThisApplication() {
            talkTo(searxngPort);
        }

        @AfterEach
        void reset() {
            upstream.resetAll();
        }

        static Stream<Arguments> failures() {
            return Stream.of(
                    Arguments.of("an error of its own", aResponse().withStatus(500), 502, "provider-rejected", null),
                    Arguments.of(
                            "a body that is not JSON",
                            aResponse().withHeader("Content-Type", JSON).withBody("{\"results\": ["),
                            502,
                            "provider-rejected",
                            null),
                    Arguments.of(
                            "unavailable, for 30 s",
                            aResponse().withStatus(503).withHeader("Retry-After", "30"),
                            503,
                            "provider-unavailable",
                            "30"),
                    Arguments.of(
                            "limiting the rate, for 9 s",
                            aResponse().withStatus(429).withHeader("Retry-After", "9"),
                            503,
                            "provider-unavailable",
                            "9"),
                    Arguments.of(
                            "the connection reset, saying nothing of when to come back",
                            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                            503,
                            "provider-unavailable",
                            "5"),
                    Arguments.of(
                            "too slow",
                            aResponse().withFixedDelay(1_500).withBody("{}"),
                            504,
                            "provider-timeout",
                            null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("failures")
        void everySearchAnswersTheDocumentedProblem(
                String failure, ResponseDefinitionBuilder answer, int status, String type, String retryAfter) {
            upstream.stubFor(get(urlPathEqualTo("/search")).willReturn(answer));
            List<Call> searches = searches().toList();

            assertThat(searches).hasSize(7);
            for (Call call : searches) {
                Response response = send(call);
                assertDescribed(call, response, status);
                if (PROBLEM.equals(mediaType(response.contentType()))) {
                    assertThat(MAPPER.readTree(response.body()).get("type").asString())
                            .as(call.toString())
                            .isEqualTo("urn:portafunc:problem:" + type);
                    assertThat(response.header("Retry-After"))
                            .as(call.toString())
                            .isEqualTo(retryAfter);
                }
            }
        }

        @Test
        void searxngResultsAreDescribedToo() {
            upstream.stubFor(get(urlPathEqualTo("/search"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", JSON)
                            .withBody(Fixtures.read("searxng/search-knative.json"))));

            searches().forEach(call -> assertDescribed(call, send(call), 200));
        }
    }

    /** The application on Google, played by WireMock, with portafunc's own limits set low. */
    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=google",
                "portafunc.search.google.api-key=AIza-test",
                "portafunc.search.google.engine-id=cx",
                "portafunc.search.google.calls-per-second=1",
                "portafunc.search.google.daily-quota=2",
                "portafunc.search.resilience.max-attempts=1",
                "portafunc.search.resilience.cache-ttl=0"
            })
    class WhenGoogleLimitsAreReached {

        @DynamicPropertySource
        static void googleRoot(DynamicPropertyRegistry registry) {
            registry.add("portafunc.search.google.root-url", () -> upstream.baseUrl() + "/");
        }

        @LocalServerPort
        int googlePort;

        @BeforeEach
        void googleAnswers() {
            talkTo(googlePort);
            upstream.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", JSON)
                            .withBody(Fixtures.read("google/search-serverless.json"))));
        }

        @AfterEach
        void reset() {
            upstream.resetAll();
        }

        /** Searches until one answers with the status, each answer held to the document on the way. */
        Response searchUntil(int status, int attempts, long pauseMillis) throws InterruptedException {
            Operation search = operation("post", "/v2/search");
            for (int i = 0; i < attempts; i++) {
                Response response = http.post("/v2/search", TEXT, JSON, "serverless " + status + " " + i);
                assertThat(violations(search, response))
                        .as(abbreviated(response.body()))
                        .isEmpty();
                if (response.status() == status) {
                    return response;
                }
                Thread.sleep(pauseMillis);
            }
            throw new AssertionError("No " + status + " in " + attempts + " searches");
        }

        @Test
        void overPortafuncsOwnLimitPerSecondIsADocumented429() throws InterruptedException {
            Response response = searchUntil(429, 10, 0);

            assertProblem(operation("post", "/v2/search"), response, 429, "too-many-requests");
            assertThat(response.header("Retry-After")).isEqualTo("1");
        }

        @Test
        void aSpentDailyBudgetIsADocumented503() throws InterruptedException {
            Response response = searchUntil(503, 6, 1_100);

            assertProblem(operation("post", "/v2/search"), response, 503, "quota-exceeded");
            assertThat(response.header("Retry-After")).isNotNull();
        }
    }

    // --- calls, and what the document says of their answers ---

    /** One request built from the document, and the status the document says it gets. */
    record Call(
            Operation operation,
            String example,
            URI uri,
            String contentType,
            String body,
            String accept,
            int expectedStatus) {

        Call accepting(String mediaType) {
            return new Call(operation, example, uri, contentType, body, mediaType, expectedStatus);
        }

        @Override
        public String toString() {
            return operation + " " + (contentType == null ? "" : contentType + " ") + example + ", Accept "
                    + Objects.requireNonNullElse(accept, "(none)");
        }
    }

    /**
     * Every request the document's examples make, each with every format the operation answers in (and with no
     * Accept at all); an operation whose parameters are all optional is also called with none.
     */
    Stream<Call> calls(Operation operation) {
        List<Call> calls = new ArrayList<>();
        List<String> accepts = new ArrayList<>(successMediaTypes(operation));
        accepts.add(null);
        requestContent(operation).forEach((mediaType, media) -> {
            for (Example example : document.examples(media)) {
                String body = mediaType.equals(JSON)
                        ? MAPPER.writeValueAsString(example.value())
                        : example.value().asString();
                URI uri = baseUri.resolve(operation.path().substring(1));
                for (String accept : accepts) {
                    calls.add(new Call(
                            operation, example.name(), uri, mediaType, body, accept, example.expectedStatus()));
                }
            }
        });
        if (calls.isEmpty()) {
            List<Node> parameters = document.parameters(operation);
            assertThat(parameters).as(operation + ": at most one parameter").hasSizeLessThanOrEqualTo(1);
            for (Node parameter : parameters) {
                for (Example example : document.examples(parameter)) {
                    URI uri =
                            withParameter(operation, parameter, example.value().asString());
                    for (String accept : accepts) {
                        calls.add(
                                new Call(operation, example.name(), uri, null, null, accept, example.expectedStatus()));
                    }
                }
            }
            if (parameters.stream().noneMatch(p -> p.value().path("required").asBoolean())) {
                URI uri = baseUri.resolve(operation.path().substring(1));
                for (String accept : accepts) {
                    calls.add(new Call(operation, "no parameters", uri, null, null, accept, 200));
                }
            }
        }
        return calls.stream();
    }

    /** One search through every operation that searches, in the first format it answers in. */
    Stream<Call> searches() {
        return document.operations().stream()
                .flatMap(operation -> calls(operation)
                        .filter(call -> call.expectedStatus() < 300
                                && (TEXT.equals(call.contentType())
                                        || !document.parameters(operation).isEmpty()))
                        .filter(call -> Objects.equals(
                                call.accept(), successMediaTypes(operation).getFirst()))
                        .limit(1));
    }

    URI withParameter(Operation operation, Node parameter, String value) {
        String name = parameter.value().get("name").asString();
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        String path = operation.path().substring(1);
        return switch (parameter.value().get("in").asString()) {
            case "path" -> baseUri.resolve(path.replace("{" + name + "}", encoded));
            case "query" -> baseUri.resolve(path + "?" + name + "=" + encoded);
            default -> throw new IllegalStateException(operation + ": cannot send " + parameter.pointer());
        };
    }

    Response send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri());
        if (call.body() == null) {
            request.method(call.operation().method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(
                            call.operation().method().toUpperCase(Locale.ROOT),
                            HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8))
                    .header("Content-Type", call.contentType());
        }
        return http.send(request, call.accept());
    }

    void assertDescribed(Call call, Response response) {
        assertDescribed(call, response, call.expectedStatus());
    }

    void assertDescribed(Call call, Response response, int status) {
        String answer = call + " answered " + response.status() + " " + response.contentType() + ": "
                + abbreviated(response.body());
        assertThat(violations(call.operation(), response)).as(answer).isEmpty();
        assertThat(response.status()).as(answer).isEqualTo(status);
    }

    void assertProblem(Operation operation, Response response, int status, String type) {
        assertProblem(operation, response, status, type, null);
    }

    void assertProblem(Operation operation, Response response, int status, String type, String field) {
        String answer = operation + " answered " + response.status() + ": " + abbreviated(response.body());
        assertThat(violations(operation, response)).as(answer).isEmpty();
        assertThat(response.status()).as(answer).isEqualTo(status);
        assertThat(mediaType(response.contentType())).isEqualTo(PROBLEM);
        JsonNode problem = MAPPER.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:portafunc:problem:" + type);
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
    }

    /**
     * What in the answer the document does not describe for the operation: its status, its media type, its body
     * against the schema for that media type, and the headers documented for that status.
     */
    List<String> violations(Operation operation, Response response) {
        Node described = document.responses(operation).get(response.status());
        if (described == null) {
            return List.of("status " + response.status() + " is not documented");
        }
        List<String> violations = new ArrayList<>();
        Map<String, Node> content = OpenApiDocument.content(described);
        String mediaType = mediaType(response.contentType());
        if (content.isEmpty()) {
            if (!response.body().isEmpty()) {
                violations.add("a body where the document describes none");
            }
        } else if (!content.containsKey(mediaType)) {
            violations.add("Content-Type " + response.contentType() + " is not one of " + content.keySet());
        } else {
            try {
                JsonNode body = isJson(mediaType)
                        ? MAPPER.readTree(response.body())
                        : JsonNodeFactory.instance.stringNode(response.body());
                document.errors(content.get(mediaType).get("schema"), body).forEach(e -> violations.add("body: " + e));
            } catch (JacksonException e) {
                violations.add("a body that is not JSON");
            }
        }
        described.get("headers").properties().forEach(entry -> {
            Node header = document.resolve(entry.getValue());
            String value = response.header(entry.getKey());
            if (value == null) {
                if (header.value().path("required").asBoolean()) {
                    violations.add("no " + entry.getKey() + " header");
                }
                return;
            }
            Node schema = header.get("schema");
            boolean integer = "integer"
                    .equals(document.resolve(schema).value().path("type").asString());
            JsonNode instance = integer && value.matches("[0-9]{1,18}")
                    ? JsonNodeFactory.instance.numberNode(Long.parseLong(value))
                    : JsonNodeFactory.instance.stringNode(value);
            document.errors(schema, instance).forEach(e -> violations.add(entry.getKey() + ": " + e));
        });
        return violations;
    }

    // --- reading the document ---

    Operation operation(String method, String path) {
        return document.operations().stream()
                .filter(o -> o.method().equals(method) && o.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The document has no " + method + " " + path));
    }

    Map<String, Node> requestContent(Operation operation) {
        Node body = operation.node().get("requestBody");
        return body.isMissing() ? Map.of() : OpenApiDocument.content(document.resolve(body));
    }

    List<String> successMediaTypes(Operation operation) {
        return document.responses(operation).entrySet().stream()
                .filter(response -> response.getKey() < 300)
                .flatMap(response -> OpenApiDocument.content(response.getValue()).keySet().stream())
                .distinct()
                .toList();
    }

    Set<String> pathParameters(Operation operation) {
        Set<String> names = new HashSet<>();
        for (Node parameter : document.parameters(operation)) {
            if (parameter.value().path("in").asString().equals("path")) {
                assertThat(parameter.value().path("required").asBoolean())
                        .as(operation + " " + parameter.pointer())
                        .isTrue();
                names.add(parameter.value().get("name").asString());
            }
        }
        return names;
    }

    static Set<String> templateParameters(String path) {
        Set<String> names = new HashSet<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every Schema Object: the components' schemas and every {@code schema} of a parameter, header or media type. */
    static List<Node> schemaObjects(Node node, List<Node> found) {
        if (node.value().isObject()) {
            node.properties().forEach(property -> {
                boolean schema =
                        property.getKey().equals("schema") || node.pointer().equals("/components/schemas");
                if (schema) {
                    found.add(property.getValue());
                } else if (!property.getKey().equals("examples")
                        && !property.getKey().equals("example")) {
                    schemaObjects(property.getValue(), found);
                }
            });
        } else if (node.value().isArray()) {
            node.elements().forEach(element -> schemaObjects(element, found));
        }
        return found;
    }

    static String abbreviated(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "…";
    }

    static JsonNode instance(String mediaType, JsonNode example) {
        return isJson(mediaType) ? example : JsonNodeFactory.instance.stringNode(example.asString());
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals(JSON) || mediaType.endsWith("+json");
    }

    /** The type and subtype of a Content-Type, without parameters. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    static String resource(String name) {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
