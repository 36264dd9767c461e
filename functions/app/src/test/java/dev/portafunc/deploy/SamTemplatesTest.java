package dev.portafunc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.portafunc.search.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The SAM templates in deploy/lambda/: valid against SAM's own schema, true to Lambda's rules for java25, SnapStart
 * and images (M1–M5, X4), and deploying the three functions the way portafunc runs; and the sample events beside them
 * are the events Lambda sends.
 */
class SamTemplatesTest {

    static final Path LAMBDA = Path.of("../../deploy/lambda");
    static final String ZIP = "template.yaml";
    static final String IMAGE = "template-image.yaml";
    static final Path EVENTS = LAMBDA.resolve("events");
    static final Path ASSEMBLY = Path.of("src/assembly/lambda-zip.xml");
    static final Path POM = Path.of("pom.xml");
    static final Path JIB_DIGEST = Path.of("target/jib-image.digest");

    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    static final String HTTP_API = "PortafuncHttpApi";

    /** Each function resource and the function it must select. */
    static final Map<String, String> FUNCTIONS = Map.of(
            "SearchFunction", "search",
            "ManipulateFunction", "manipulate",
            "SearchManipulateFunction", "searchManipulate");

    /** The property that selects the function: the adapter's documented form on the runtime, the usual one in images. */
    static final Map<String, String> DEFINITION_VARIABLE =
            Map.of(ZIP, "spring_cloud_function_definition", IMAGE, "SPRING_CLOUD_FUNCTION_DEFINITION");

    static final String LAYER =
            "arn:aws:lambda:eu-west-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12";
    static final String TEST_DIGEST = "sha256:" + "5e".repeat(32);

    // Short-form tags a CloudFormation YAML template may use; anything else is a typo CloudFormation would refuse.
    static final Set<String> INTRINSIC_TAGS = Set.of(
            "Ref",
            "Condition",
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
            "ToJsonString",
            "Length");

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Draft-04, plus SAM's two vendor keywords read as annotations: __samPassThrough points into the CloudFormation
    // schema, which this copy does not include (see specs/aws-lambda/README.md).
    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft4())
            .keyword(new NonValidationKeyword("__samPassThrough"))
            .keyword(new NonValidationKeyword("markdownDescription"))
            .build());
    static final String SAM_SCHEMA = "classpath:specs/aws-lambda/sam.schema.json";
    static final Schema TEMPLATE_SCHEMA = SCHEMAS.getSchema(SchemaLocation.of(SAM_SCHEMA));
    static final Schema FUNCTION_SCHEMA =
            definition("samtranslator__internal__schema_source__aws_serverless_function__Resource");
    static final Schema FUNCTION_GLOBALS_SCHEMA =
            definition("samtranslator__internal__schema_source__aws_serverless_function__Globals");
    static final Schema HTTP_API_SCHEMA =
            definition("samtranslator__internal__schema_source__aws_serverless_httpapi__Resource");
    static final Schema HTTP_API_EVENT_SCHEMA = definition("HttpApiEvent");

    /** Breaks the function schema five ways, and an HttpApi event three ways. */
    static final String BROKEN_FUNCTION = """
            Type: AWS::Serverless::Function
            Properties:
              Runtim: java25
              CodeUri: !Sub ../../functions/app/target/${Name}-aws.zip
              Tracing: Sometimes
              PropagateTags: "yes"
              FunctionUrlConfig:
                InvokeMode: BUFFERED
              Events:
                HttpApi:
                  Type: HttpApi
                  Properties:
                    Path: !Sub /${Stage}/search
                    Method: [POST]
                    PayloadFormatVersion: 2.0
            """;

    /** Intrinsic functions in every place the schema takes an object beside the plain type. */
    static final String FUNCTION_WITH_INTRINSICS = """
            Type: AWS::Serverless::Function
            Properties:
              AutoPublishAlias: !Ref AliasName
              Role: !GetAtt FunctionRole.Arn
              Tracing: !If [Traced, Active, Disabled]
              FunctionUrlConfig:
                AuthType: !If [Public, NONE, AWS_IAM]
              Events:
                HttpApi:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref Api
                    Path: /search
                    Method: POST
                    PayloadFormatVersion: !FindInMap [Payloads, !Ref AWS::Region, Version]
                    TimeoutInMillis: !Ref RouteTimeout
            """;

    static Schema definition(String name) {
        return SCHEMAS.getSchema(SchemaLocation.of(SAM_SCHEMA + "#/definitions/" + name));
    }

    static Stream<String> templates() {
        return Stream.of(ZIP, IMAGE);
    }

    // ---- the schema ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templateMatchesTheSamSchema(String file) {
        JsonNode template = template(file);

        assertThat(template.path("Transform").asString("")).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(errors(TEMPLATE_SCHEMA, template)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void serverlessResourcesMatchTheirSamDefinitions(String file) {
        Map<String, List<String>> errors = new TreeMap<>();
        resources(template(file)).forEach((name, resource) -> {
            Schema schema = switch (resource.path("Type").asString("")) {
                case "AWS::Serverless::Function" -> FUNCTION_SCHEMA;
                case "AWS::Serverless::HttpApi" -> HTTP_API_SCHEMA;
                default -> throw new AssertionError(name + " is not a function or the HTTP API");
            };
            errors.put(name, errors(schema, resource));
        });

        assertThat(errors)
                .hasSize(4)
                .allSatisfy((name, found) -> assertThat(found).as(name).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void functionGlobalsMatchTheSamDefinition(String file) {
        assertThat(errors(FUNCTION_GLOBALS_SCHEMA, globals(template(file)))).isEmpty();
    }

    @Test
    void brokenFunctionIsRejectedBySamSchema() {
        JsonNode broken = parse(BROKEN_FUNCTION);

        assertThat(errors(FUNCTION_SCHEMA, broken))
                .contains(
                        "/Properties additionalProperties Runtim",
                        // a path or {Bucket, Key}, never a function: the template's CodeUri is a literal path
                        "/Properties/CodeUri type",
                        "/Properties/Tracing enum",
                        "/Properties/PropagateTags type",
                        "/Properties/FunctionUrlConfig required AuthType");
        assertThat(errors(HTTP_API_EVENT_SCHEMA, broken.at("/Properties/Events/HttpApi")))
                .containsExactlyInAnyOrder(
                        "/Properties/Path type",
                        "/Properties/Method type",
                        // unquoted, 2.0 is a number, which neither branch (an intrinsic's object, or a string)
                        // takes: the templates quote it
                        "/Properties/PayloadFormatVersion type",
                        "/Properties/PayloadFormatVersion type");
    }

    @Test
    void intrinsicFunctionsPassWhereTheSchemaTakesAnObject() {
        JsonNode function = parse(FUNCTION_WITH_INTRINSICS);

        assertThat(function.at("/Properties/FunctionUrlConfig/AuthType").has("Fn::If"))
                .isTrue();
        assertThat(function.at("/Properties/Role/Fn::GetAtt")).containsExactly(text("FunctionRole"), text("Arn"));
        assertThat(errors(FUNCTION_SCHEMA, function)).isEmpty();
    }

    @Test
    void unknownShortFormTagsAreRefused() {
        assertThatThrownBy(() -> parse("Value: !Reff Something"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("!Reff");
    }

    // ---- the zip, on the managed java25 runtime with SnapStart ----

    @Test
    void zipFunctionsRunOnJava25WithTheFunctionInvokerHandler() {
        JsonNode template = template(ZIP);

        assertThat(globals(template).path("Runtime").asString("")).isEqualTo("java25");
        assertThat(globals(template).path("Handler").asString("")).isEqualTo(HANDLER);
        assertThat(functions(template).values())
                .allSatisfy(function -> assertThat(properties(function).propertyNames())
                        .doesNotContain("Runtime", "Handler", "CodeUri", "PackageType", "ImageUri"));
    }

    @Test
    void zipFunctionsSnapStartPublishedVersionsBehindTheLiveAlias() {
        JsonNode globals = globals(template(ZIP));

        assertThat(globals.at("/SnapStart/ApplyOn").asString("")).isEqualTo("PublishedVersions");
        // SnapStart never applies to $LATEST: without a published version and an alias it would do nothing.
        assertThat(globals.path("AutoPublishAlias").asString("")).isEqualTo("live");
        assertThat(functions(template(ZIP)).values())
                .allSatisfy(function -> assertThat(properties(function).propertyNames())
                        .doesNotContain("SnapStart", "AutoPublishAlias"));
    }

    @Test
    void zipFunctionsStayWithinSnapStartsLimits() {
        JsonNode template = template(ZIP);
        List<JsonNode> settings = new ArrayList<>(List.of(globals(template)));
        functions(template).values().forEach(function -> settings.add(properties(function)));

        // M5: no provisioned concurrency, no EFS, at most 512 MB of /tmp.
        assertThat(settings).allSatisfy(properties -> {
            assertThat(properties.propertyNames()).doesNotContain("ProvisionedConcurrencyConfig", "FileSystemConfigs");
            assertThat(properties.at("/EphemeralStorage/Size").asInt(512)).isLessThanOrEqualTo(512);
        });
    }

    @Test
    void codeUriIsTheZipTheBuildAssembles() throws Exception {
        Document assembly = xml(ASSEMBLY);
        Document pom = xml(POM);
        var xpath = XPathFactory.newInstance().newXPath();
        String finalName = xpath.evaluate(
                "//plugin[artifactId='maven-assembly-plugin']//execution[id='lambda-zip']//finalName", pom);
        String zip = finalName + "-" + xpath.evaluate("/assembly/id", assembly) + "."
                + xpath.evaluate("/assembly/formats/format", assembly);

        assertThat(zip).isEqualTo("portafunc-aws.zip");
        String codeUri = globals(template(ZIP)).path("CodeUri").asString("");
        assertThat(LAMBDA.resolve(codeUri).toAbsolutePath().normalize())
                .isEqualTo(Path.of("target", zip).toAbsolutePath().normalize());
    }

    // ---- both templates: the three functions, their URLs and routes ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void eachTemplateDeploysTheThreeFunctionsEachPickingItsOwn(String file) {
        Map<String, String> selected = new TreeMap<>();
        functions(template(file)).forEach((name, function) -> {
            JsonNode variables = properties(function).at("/Environment/Variables");
            assertThat(variables.propertyNames())
                    .as(name)
                    .containsOnlyOnce(DEFINITION_VARIABLE.get(file))
                    .doesNotContain(DEFINITION_VARIABLE.get(file.equals(ZIP) ? IMAGE : ZIP));
            selected.put(name, variables.path(DEFINITION_VARIABLE.get(file)).asString(""));
        });

        assertThat(selected).isEqualTo(new TreeMap<>(FUNCTIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyFunctionHasAFunctionUrlAndAPostRouteOnTheOneHttpApi(String file) {
        JsonNode template = template(file);

        assertThat(resources(template).entrySet().stream()
                        .filter(resource ->
                                resource.getValue().path("Type").asString("").equals("AWS::Serverless::HttpApi"))
                        .map(Map.Entry::getKey))
                .containsExactly(HTTP_API);
        functions(template).forEach((name, function) -> {
            JsonNode properties = properties(function);
            assertThat(properties.at("/FunctionUrlConfig/AuthType")).as(name).isEqualTo(ref("FunctionUrlAuthType"));
            assertThat(properties.path("Events").size()).as(name).isEqualTo(1);
            JsonNode route = properties.at("/Events/HttpApi");
            assertThat(route.path("Type").asString("")).as(name).isEqualTo("HttpApi");
            assertThat(route.at("/Properties/ApiId")).as(name).isEqualTo(ref(HTTP_API));
            assertThat(route.at("/Properties/Method").asString("")).as(name).isEqualTo("POST");
            assertThat(route.at("/Properties/Path").asString("")).as(name).isEqualTo("/" + FUNCTIONS.get(name));
            assertThat(route.at("/Properties/PayloadFormatVersion")).as(name).isEqualTo(text("2.0"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void functionUrlsTakeOnlySignedCallsUnlessNoneIsChosen(String file) {
        JsonNode parameter = template(file).at("/Parameters/FunctionUrlAuthType");

        // A Function URL has no throttling of its own: open, anyone could make the functions spend as fast as they
        // scale.
        assertThat(parameter.path("Default").asString("")).isEqualTo("AWS_IAM");
        assertThat(strings(parameter.path("AllowedValues"))).containsExactlyInAnyOrder("AWS_IAM", "NONE");
        assertThat(stack(file, Map.of())
                        .resolve(template(file).path("Resources"))
                        .valueStream()
                        .filter(resource -> resource.has("Properties")
                                && resource.at("/Properties/FunctionUrlConfig").isObject())
                        .map(resource -> resource.at("/Properties/FunctionUrlConfig/AuthType")
                                .asString("")))
                .hasSize(3)
                .containsOnly("AWS_IAM");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void theHttpApiIsThrottledOnEveryRoute(String file) {
        JsonNode template = template(file);
        JsonNode api = properties(template.at("/Resources/" + HTTP_API));

        assertThat(api.path("DefaultRouteSettings"))
                .isEqualTo(NODES.objectNode()
                        .<ObjectNode>set("ThrottlingRateLimit", ref("HttpApiRateLimit"))
                        .set("ThrottlingBurstLimit", ref("HttpApiBurstLimit")));
        assertThat(api.has("RouteSettings")).as("no route throttled otherwise").isFalse();
        Stack defaults = stack(file, Map.of());
        assertThat(defaults.resolve(api.path("DefaultRouteSettings")))
                .isEqualTo(JsonMapper.shared()
                        .valueToTree(Map.of("ThrottlingRateLimit", "10", "ThrottlingBurstLimit", "20")));
        for (String rate : List.of("0", "ten", "10001")) {
            assertThat(stack(file, Map.of("HttpApiRateLimit", rate)).parameterViolations())
                    .as(rate)
                    .contains("HttpApiRateLimit");
        }
        assertThat(stack(file, Map.of("HttpApiBurstLimit", "0")).parameterViolations())
                .contains("HttpApiBurstLimit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void eachFunctionRunsAtMostTheReservedConcurrency(String file) {
        JsonNode template = template(file);

        assertThat(stack(file, Map.of())
                        .resolve(globals(template))
                        .path("ReservedConcurrentExecutions")
                        .asString(""))
                .isEqualTo("10");
        assertThat(stack(file, Map.of("ReservedConcurrency", "50"))
                        .resolve(globals(template))
                        .path("ReservedConcurrentExecutions")
                        .asString(""))
                .isEqualTo("50");
        // An account whose quota leaves no room for a reservation deploys without one.
        assertThat(stack(file, Map.of("ReservedConcurrency", "none"))
                        .resolve(globals(template))
                        .has("ReservedConcurrentExecutions"))
                .isFalse();
        // 0 would stop the functions altogether; a negative or empty value is no cap.
        for (String refused : List.of("0", "-1", "", "unlimited")) {
            assertThat(stack(file, Map.of("ReservedConcurrency", refused)).parameterViolations())
                    .as(refused)
                    .contains("ReservedConcurrency");
        }
        assertThat(functions(template).values())
                .allSatisfy(function -> assertThat(properties(function).has("ReservedConcurrentExecutions"))
                        .isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void memoryTimeoutAndArchitectureAreSetOnceForAll(String file) {
        JsonNode template = template(file);
        JsonNode globals = globals(template);

        assertThat(globals.path("MemorySize").isInt()).isTrue();
        assertThat(globals.path("MemorySize").asInt()).isEqualTo(1024);
        assertThat(globals.path("Timeout").isInt()).isTrue();
        // Below the HTTP API's 30 s integration limit, so a slow call ends as the function's timeout, not a 503.
        assertThat(globals.path("Timeout").asInt()).isEqualTo(15).isLessThan(30);
        // The image is built for linux/amd64 only (L13); the zip is the same code.
        assertThat(strings(globals.path("Architectures"))).containsExactly("x86_64");
        assertThat(functions(template).values())
                .allSatisfy(function -> assertThat(properties(function).propertyNames())
                        .doesNotContain("MemorySize", "Timeout", "Architectures"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void outputsGiveTheHttpApiUrlAndEachFunctionUrl(String file) {
        JsonNode outputs = template(file).path("Outputs");

        assertThat(outputs.at("/HttpApiUrl/Value/Fn::Sub").asString(""))
                .isEqualTo("https://${" + HTTP_API + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
        List<JsonNode> values =
                outputs.valueStream().map(output -> output.path("Value")).toList();
        for (String function : FUNCTIONS.keySet()) {
            // SAM names the URL it generates <function>Url.
            JsonNode url = NODES.objectNode()
                    .set("Fn::GetAtt", NODES.arrayNode().add(function + "Url").add("FunctionUrl"));
            assertThat(values).as(function).contains(url);
        }
    }

    @Test
    void bothTemplatesExposeTheSameFunctionsRoutesAndUrls() {
        JsonNode zip = template(ZIP);
        JsonNode image = template(IMAGE);

        assertThat(image.at("/Resources/" + HTTP_API)).isEqualTo(zip.at("/Resources/" + HTTP_API));
        assertThat(image.path("Outputs")).isEqualTo(zip.path("Outputs"));
        assertThat(functions(image).keySet()).isEqualTo(functions(zip).keySet());
        for (String name : FUNCTIONS.keySet()) {
            for (String property : List.of("Events", "FunctionUrlConfig", "Description")) {
                assertThat(properties(image.at("/Resources/" + name)).path(property))
                        .as(name + " " + property)
                        .isEqualTo(properties(zip.at("/Resources/" + name)).path(property));
            }
        }
    }

    // ---- the image ----

    @Test
    void imageFunctionsRunThePinnedImageWithoutRuntimeHandlerSnapStartOrLayers() {
        JsonNode template = template(IMAGE);

        functions(template).forEach((name, function) -> {
            JsonNode properties = properties(function);
            assertThat(properties.path("PackageType").asString("")).as(name).isEqualTo("Image");
            assertThat(properties.path("ImageUri")).as(name).isEqualTo(ref("ImageUri"));
            assertThat(properties.propertyNames())
                    .as(name)
                    .doesNotContain("Runtime", "Handler", "CodeUri", "SnapStart", "Layers");
        });
        // M4: Runtime and Handler are for zips only; M5, X4: no SnapStart for images; and images take no layers.
        assertThat(globals(template).propertyNames())
                .doesNotContain("Runtime", "Handler", "CodeUri", "SnapStart", "Layers");
    }

    @Test
    void imageUriMustBeAnEcrImagePinnedByDigest() throws IOException {
        String digest =
                Files.isRegularFile(JIB_DIGEST) ? Files.readString(JIB_DIGEST).strip() : TEST_DIGEST;
        String repository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/portafunc";

        assertThat(stack(IMAGE, Map.of("ImageUri", repository + "@" + digest)).parameterViolations())
                .isEmpty();
        for (String unpinned : List.of(
                repository + ":latest",
                repository,
                "registry.example.com/portafunc@" + digest,
                repository + "@sha256:1234")) {
            assertThat(stack(IMAGE, Map.of("ImageUri", unpinned)).parameterViolations())
                    .as(unpinned)
                    .containsExactly("ImageUri");
        }
    }

    @Test
    void imageFunctionsGetTheGoogleKeyFromSecretsManagerOnlyWhenItIsNamed() {
        Map<String, String> google = Map.of(
                "ImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/portafunc@" + TEST_DIGEST,
                "SearchProvider", "google",
                "GoogleEngineId", "0123456789abcdef",
                "GoogleApiKeySecretName", "portafunc/google-api-key");

        Stack withKey = stack(IMAGE, google);
        assertThat(withKey.parameterViolations()).isEmpty();
        assertThat(withKey.ruleViolations()).isEmpty();
        assertThat(withKey.resolve(globals(withKey.template())).at("/Environment/Variables"))
                .isEqualTo(JsonMapper.shared()
                        .valueToTree(Map.of(
                                "PORTAFUNC_SEARCH_PROVIDER", "google",
                                "PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID", "0123456789abcdef",
                                "PORTAFUNC_SEARCH_GOOGLE_API_KEY",
                                        "{{resolve:secretsmanager:portafunc/google-api-key:SecretString}}")));
        assertThat(stack(IMAGE, Map.of("SearchProvider", "google", "GoogleEngineId", "0123456789abcdef"))
                        .ruleViolations())
                .containsExactly("SearchProvider google needs GoogleApiKeySecretName.");
    }

    // ---- settings and the Google key reference (the zip) ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void optionalSettingsAreUnsetRatherThanEmptyWhenNotGiven(String file) {
        Stack stack = stack(file, Map.of());

        assertThat(stack.ruleViolations()).isEmpty();
        assertThat(stack.conditions().entrySet().stream()
                        .filter(condition -> condition.getKey().startsWith("Has"))
                        .toList())
                .isNotEmpty()
                .allSatisfy(condition ->
                        assertThat(condition.getValue()).as(condition.getKey()).isFalse());
        assertThat(stack.resolve(globals(stack.template())).at("/Environment/Variables"))
                .isEqualTo(JsonMapper.shared().valueToTree(Map.of("PORTAFUNC_SEARCH_PROVIDER", "local")));
        functions(stack.template())
                .forEach((name, function) -> assertThat(
                                stack.resolve(properties(function).at("/Environment/Variables"))
                                        .propertyNames())
                        .as(name)
                        .containsExactly(DEFINITION_VARIABLE.get(file)));

        Stack remote = stack(file, Map.of("SearchRemoteUrl", "https://search.example.org/v2/search"));
        assertThat(remote.resolve(properties(remote.template().at("/Resources/ManipulateFunction")))
                        .at("/Environment/Variables/PORTAFUNC_SEARCH_REMOTE_URL")
                        .asString(""))
                .isEqualTo("https://search.example.org/v2/search");
    }

    @Test
    void withoutAKeyReferenceFunctionsGetNoLayerNoReadAccessAndNoKeySetting() {
        Stack stack = stack(ZIP, Map.of());
        JsonNode globals = stack.resolve(globals(stack.template()));

        assertThat(stack.conditions())
                .containsEntry("HasGoogleApiKeyReference", false)
                .containsEntry("GoogleApiKeyInSecretsManager", false)
                .containsEntry("GoogleApiKeyInParameterStore", false);

        assertThat(globals.has("Layers")).isFalse();
        assertThat(globals.at("/Environment/Variables").has("PORTAFUNC_SEARCH_GOOGLE_API_KEY"))
                .isFalse();
        functions(stack.template())
                .forEach((name, function) -> assertThat(
                                stack.resolve(properties(function).path("Policies")))
                        .as(name)
                        .isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GoogleApiKeyReference, aws-secretsmanager:portafunc/google-api-key, AWSSecretsManagerGetSecretValuePolicy,"
                + " arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/google-api-key-??????",
        "GoogleApiKeyReference,"
                + " aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/google-api-key-AbCdEf,"
                + " AWSSecretsManagerGetSecretValuePolicy,"
                + " arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/google-api-key-AbCdEf",
        "GoogleApiKeyReference, aws-ssm:/portafunc/google-api-key, SSMParameterWithSlashPrefixReadPolicy,"
                + " arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc/google-api-key",
        "GoogleApiKeyReference, aws-ssm:portafunc-google-api-key, SSMParameterReadPolicy,"
                + " arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc-google-api-key",
        "VertexApiKeyReference, aws-secretsmanager:portafunc/vertex-api-key, AWSSecretsManagerGetSecretValuePolicy,"
                + " arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/vertex-api-key-??????",
        "VertexApiKeyReference, aws-ssm:/portafunc/vertex-api-key, SSMParameterWithSlashPrefixReadPolicy,"
                + " arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc/vertex-api-key",
        "BraveApiKeyReference,"
                + " aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/brave-api-key-AbCdEf,"
                + " AWSSecretsManagerGetSecretValuePolicy,"
                + " arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/brave-api-key-AbCdEf",
        "BraveApiKeyReference, aws-ssm:portafunc-brave-api-key, SSMParameterReadPolicy,"
                + " arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc-brave-api-key"
    })
    void aKeyReferenceAddsTheExtensionAndReadAccessToThatOneSecret(
            String parameter, String reference, String policyTemplate, String granted) {
        String provider = KEY_REFERENCES.get(parameter);
        Map<String, String> given = new LinkedHashMap<>(settingsFor(provider));
        given.put("SearchProvider", provider);
        given.put(parameter, reference);
        given.put("ParametersAndSecretsExtensionLayerArn", LAYER);
        Stack stack = stack(ZIP, given);
        JsonNode globals = stack.resolve(globals(stack.template()));

        assertThat(stack.parameterViolations()).isEmpty();
        assertThat(stack.ruleViolations()).isEmpty();
        assertThat(stack.conditions()).containsEntry("Has" + parameter, true).containsEntry("AddsTheExtension", true);
        assertThat(strings(globals.path("Layers"))).containsExactly(LAYER);
        assertThat(globals.at("/Environment/Variables/" + keySetting(provider)).asString(""))
                .isEqualTo(reference);
        functions(stack.template()).forEach((name, function) -> {
            JsonNode policies = stack.resolve(properties(function).path("Policies"));
            assertThat(policies.size()).as(name).isEqualTo(1);
            assertThat(policies.path(0).propertyNames()).as(name).containsExactly(policyTemplate);
            assertThat(grantedResource(policies.path(0))).as(name).isEqualTo(granted);
        });
    }

    @Test
    void severalReferencesAddTheExtensionOnceAndReadAccessToEachSecret() {
        Stack stack = stack(
                ZIP,
                Map.of(
                        "SearchProvider", "brave,google,local",
                        "GoogleEngineId", "0123456789abcdef",
                        "GoogleApiKeyReference", "aws-ssm:/portafunc/google-api-key",
                        "BraveApiKeyReference", "aws-secretsmanager:portafunc/brave-api-key",
                        "ParametersAndSecretsExtensionLayerArn", LAYER));

        assertThat(stack.ruleViolations()).isEmpty();
        assertThat(strings(stack.resolve(globals(stack.template())).path("Layers")))
                .containsExactly(LAYER);
        functions(stack.template())
                .forEach((name, function) -> assertThat(
                                stack.resolve(properties(function).path("Policies"))
                                        .valueStream()
                                        .map(SamTemplatesTest::grantedResource))
                        .as(name)
                        .containsExactly(
                                "arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc/google-api-key",
                                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:portafunc/brave-api-key-??????"));
    }

    @Test
    void everyFunctionGetsTheSameReadAccess() {
        // manipulate searches in its own process unless SearchRemoteUrl is set, so it needs the keys as search does.
        JsonNode template = template(ZIP);

        assertThat(functions(template).values().stream()
                        .map(function -> properties(function).path("Policies"))
                        .distinct())
                .hasSize(1)
                .allSatisfy(policies -> assertThat(policies.size()).isEqualTo(3 * KEY_REFERENCES.size()));
    }

    @Test
    void malformedReferencesLayersAndAuthTypesAreRefusedAtDeploy() {
        for (String parameter : KEY_REFERENCES.keySet()) {
            for (String reference : List.of(
                    "portafunc/api-key",
                    "vault:portafunc/api-key",
                    "aws-secretsmanager:",
                    "aws-ssm:arn:aws:ssm:eu-west-1:123456789012:parameter/portafunc")) {
                assertThat(stack(ZIP, Map.of(parameter, reference)).parameterViolations())
                        .as(parameter + "=" + reference)
                        .containsExactly(parameter);
            }
        }
        assertThat(stack(ZIP, Map.of("ParametersAndSecretsExtensionLayerArn", "AWS-Parameters-and-Secrets"))
                        .parameterViolations())
                .containsExactly("ParametersAndSecretsExtensionLayerArn");
        assertThat(stack(ZIP, Map.of("FunctionUrlAuthType", "PUBLIC")).parameterViolations())
                .containsExactly("FunctionUrlAuthType");
        assertThat(stack(ZIP, Map.of("VertexServingConfig", "projects/p/locations/global/engines/app"))
                        .parameterViolations())
                .containsExactly("VertexServingConfig");
    }

    @Test
    void incompleteProviderSettingsAreRefusedAtDeploy() {
        assertThat(stack(ZIP, Map.of("SearchProvider", "google")).ruleViolations())
                .containsExactly(
                        "SearchProvider google needs GoogleEngineId.",
                        "SearchProvider google needs GoogleApiKeyReference.");
        assertThat(stack(ZIP, Map.of("SearchProvider", "searxng")).ruleViolations())
                .containsExactly("SearchProvider searxng needs SearxngUrl.");
        for (String parameter : KEY_REFERENCES.keySet()) {
            assertThat(stack(ZIP, Map.of(parameter, "aws-ssm:/portafunc/api-key"))
                            .ruleViolations())
                    .as(parameter)
                    .containsExactly(
                            "A key reference is resolved through the extension; set ParametersAndSecretsExtensionLayerArn.");
        }
        assertThat(stack(ZIP, Map.of("SearchProvider", "searxng", "SearxngUrl", "https://searx.example.org"))
                        .ruleViolations())
                .isEmpty();
    }

    // ---- both templates: the providers ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void searchProviderTakesOneProviderOrAChainOfThemAndNothingElse(String file) {
        for (String provider : List.of("local", "vertex", "brave", "google,vertex,brave,searxng,local")) {
            assertThat(stack(file, Map.of("SearchProvider", provider)).parameterViolations())
                    .as(provider)
                    .doesNotContain("SearchProvider");
        }
        // remote would reach search itself too: every function gets the one setting.
        for (String provider : List.of("remote", "local,remote", "bing", "google, local", "")) {
            assertThat(stack(file, Map.of("SearchProvider", provider)).parameterViolations())
                    .as(provider)
                    .contains("SearchProvider");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void eachProviderInAChainNeedsItsOwnSettings(String file) {
        String chain = "google,vertex,brave,searxng,local";
        String keys = file.equals(ZIP) ? "Reference" : "SecretName";

        assertThat(stack(file, Map.of("SearchProvider", chain)).ruleViolations())
                .containsExactlyInAnyOrder(
                        "SearchProvider google needs GoogleEngineId.",
                        "SearchProvider google needs GoogleApiKey" + keys + ".",
                        "SearchProvider vertex needs VertexServingConfig.",
                        "SearchProvider vertex needs VertexApiKey" + keys
                                + " (this template gives Vertex AI Search no Google credentials).",
                        "SearchProvider brave needs BraveApiKey" + keys + ".",
                        "SearchProvider searxng needs SearxngUrl.");

        Map<String, String> given = new LinkedHashMap<>(Map.of(
                "SearchProvider", chain,
                "SearxngUrl", "https://searx.example.org",
                "VertexRootUrl", "https://eu-discoveryengine.googleapis.com"));
        KEY_REFERENCES.values().forEach(provider -> given.putAll(settingsFor(provider)));
        if (file.equals(ZIP)) {
            KEY_REFERENCES.forEach((parameter, provider) -> given.put(parameter, "aws-ssm:/portafunc/" + provider));
            given.put("ParametersAndSecretsExtensionLayerArn", LAYER);
        } else {
            KEY_REFERENCES
                    .values()
                    .forEach(provider -> given.put(secretNameParameter(provider), "portafunc/" + provider));
            given.put("ImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/portafunc@" + TEST_DIGEST);
        }
        Stack complete = stack(file, given);
        JsonNode variables = complete.resolve(globals(complete.template())).at("/Environment/Variables");

        assertThat(complete.parameterViolations()).isEmpty();
        assertThat(complete.ruleViolations()).isEmpty();
        assertThat(variables.path("PORTAFUNC_SEARCH_PROVIDER").asString("")).isEqualTo(chain);
        assertThat(variables.propertyNames())
                .containsExactlyInAnyOrder(
                        "PORTAFUNC_SEARCH_PROVIDER",
                        "PORTAFUNC_SEARCH_SEARXNG_URL",
                        "PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID",
                        "PORTAFUNC_SEARCH_GOOGLE_API_KEY",
                        "PORTAFUNC_SEARCH_VERTEX_SERVING_CONFIG",
                        "PORTAFUNC_SEARCH_VERTEX_ROOT_URL",
                        "PORTAFUNC_SEARCH_VERTEX_API_KEY",
                        "PORTAFUNC_SEARCH_BRAVE_API_KEY");
    }

    @Test
    void bothTemplatesDeclareTheProvidersAlike() {
        for (String parameter :
                List.of("SearchProvider", "SearxngUrl", "GoogleEngineId", "VertexServingConfig", "VertexRootUrl")) {
            // The descriptions name each template's own key parameters.
            ObjectNode image = (ObjectNode) template(IMAGE).at("/Parameters/" + parameter);
            ObjectNode zip = (ObjectNode) template(ZIP).at("/Parameters/" + parameter);
            image.remove("Description");
            zip.remove("Description");
            assertThat(image).as(parameter).isEqualTo(zip);
        }
    }

    @Test
    void imageFunctionsGetEachKeyFromSecretsManagerOnlyWhenItIsNamed() {
        Stack stack = stack(
                IMAGE,
                Map.of(
                        "ImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/portafunc@" + TEST_DIGEST,
                        "SearchProvider", "brave,vertex",
                        "VertexServingConfig", VERTEX_SERVING_CONFIG,
                        "VertexApiKeySecretName", "portafunc/vertex-api-key",
                        "BraveApiKeySecretName", "portafunc/brave-api-key"));

        assertThat(stack.parameterViolations()).isEmpty();
        assertThat(stack.ruleViolations()).isEmpty();
        assertThat(stack.resolve(globals(stack.template())).at("/Environment/Variables"))
                .isEqualTo(JsonMapper.shared()
                        .valueToTree(Map.of(
                                "PORTAFUNC_SEARCH_PROVIDER", "brave,vertex",
                                "PORTAFUNC_SEARCH_VERTEX_SERVING_CONFIG", VERTEX_SERVING_CONFIG,
                                "PORTAFUNC_SEARCH_VERTEX_API_KEY",
                                        "{{resolve:secretsmanager:portafunc/vertex-api-key:SecretString}}",
                                "PORTAFUNC_SEARCH_BRAVE_API_KEY",
                                        "{{resolve:secretsmanager:portafunc/brave-api-key:SecretString}}")));
    }

    /** Each key reference parameter of the zip template, and the provider whose key it names. */
    static final Map<String, String> KEY_REFERENCES = new TreeMap<>(Map.of(
            "GoogleApiKeyReference", "google", "VertexApiKeyReference", "vertex", "BraveApiKeyReference", "brave"));

    static final String VERTEX_SERVING_CONFIG =
            "projects/portafunc/locations/global/collections/default_collection/engines/docs/servingConfigs/default_search";

    /** What a provider needs beside its key. */
    static Map<String, String> settingsFor(String provider) {
        return switch (provider) {
            case "google" -> Map.of("GoogleEngineId", "0123456789abcdef");
            case "vertex" -> Map.of("VertexServingConfig", VERTEX_SERVING_CONFIG);
            default -> Map.of();
        };
    }

    static String keySetting(String provider) {
        return "PORTAFUNC_SEARCH_" + provider.toUpperCase(Locale.ROOT) + "_API_KEY";
    }

    static String secretNameParameter(String provider) {
        return Character.toUpperCase(provider.charAt(0)) + provider.substring(1) + "ApiKeySecretName";
    }

    // ---- the sample events ----

    @Test
    void restEventIsAPlainTextPostAskingForMarkdown() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(event("api-gateway-rest.json"));

        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttpMethod()).isEqualTo("POST");
        assertThat(event.getHeaders())
                .containsEntry("Content-Type", "text/plain; charset=utf-8")
                .containsEntry("Accept", "text/markdown");
        assertThat(event.getMultiValueHeaders())
                .containsEntry("Content-Type", List.of("text/plain; charset=utf-8"))
                .containsEntry("Accept", List.of("text/markdown"));
        assertThat(event.getBody()).isEqualTo("scale to zero");
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void httpApiEventIsAJsonPostOnTheSearchRoute() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(event("http-api.json"));

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /search").isEqualTo(route(template(ZIP), "SearchFunction"));
        assertThat(event.getRequestContext().getRouteKey()).isEqualTo(event.getRouteKey());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getHeaders())
                .containsEntry("content-type", "application/json")
                .containsEntry(
                        "content-length", String.valueOf(event.getBody().getBytes(StandardCharsets.UTF_8).length));
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(searchRequest(event.getBody()))
                .isEqualTo(new SearchRequest("knative cold start", 3, null, null, null, null));
    }

    @Test
    void functionUrlEventIsAGetWithTheQueryInTheUrl() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(event("function-url.json"));

        // L22: a Function URL sends the 2.0 shape on the $default route and stage, from a lambda-url domain.
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("$default");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getDomainName())
                .contains(".lambda-url.")
                .endsWith(".on.aws");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getQueryStringParameters()).containsExactly(Map.entry("q", "scale to zero"));
        assertThat(event.getRawQueryString()).isEqualTo("q=scale+to+zero");
        assertThat(event.getBody()).isNull();
    }

    @Test
    void directEventIsASearchRequest() throws IOException {
        String event = Files.readString(EVENTS.resolve("direct.json"));

        assertThat(searchRequest(event).validated()).isEqualTo(SearchRequest.of("apache lucene"));
    }

    // ---- reading the templates ----

    static ObjectNode template(String file) {
        try {
            return (ObjectNode) parse(Files.readString(LAMBDA.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML as CloudFormation reads it: a short-form tag is the long form, {@code !Ref X} is {@code {"Ref": "X"}}. */
    static JsonNode parse(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            parser.nextToken();
            return node(parser);
        }
    }

    static JsonNode node(JsonParser parser) {
        // The tag belongs to the token the parser stands on: read it before the children move the parser on.
        String tag = Objects.toString(parser.getTypeId(), null);
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (object.has(name)) {
                        throw new IllegalArgumentException("duplicate key " + name);
                    }
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalArgumentException("unexpected " + parser.currentToken());
        };
        return tag == null ? value : longForm(tag, value);
    }

    static JsonNode longForm(String tag, JsonNode value) {
        if (!INTRINSIC_TAGS.contains(tag)) {
            throw new IllegalArgumentException("not a CloudFormation tag: !" + tag);
        }
        JsonNode argument = value;
        if (tag.equals("GetAtt") && value.isString()) {
            // !GetAtt Resource.Attribute is the list [Resource, Attribute]; only the first dot separates them.
            String[] parts = value.asString().split("\\.", 2);
            argument = NODES.arrayNode().add(parts[0]).add(parts.length > 1 ? parts[1] : "");
        }
        String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        return NODES.objectNode().set(name, argument);
    }

    static Map<String, JsonNode> resources(JsonNode template) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(entry -> resources.put(entry.getKey(), entry.getValue()));
        return resources;
    }

    static Map<String, JsonNode> functions(JsonNode template) {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        resources(template).forEach((name, resource) -> {
            if (resource.path("Type").asString("").equals("AWS::Serverless::Function")) {
                functions.put(name, resource);
            }
        });
        return functions;
    }

    static JsonNode properties(JsonNode resource) {
        return resource.path("Properties");
    }

    static JsonNode globals(JsonNode template) {
        return template.at("/Globals/Function");
    }

    static String route(JsonNode template, String function) {
        JsonNode route = template.at("/Resources/" + function + "/Properties/Events/HttpApi/Properties");
        return route.path("Method").asString("") + " " + route.path("Path").asString("");
    }

    static JsonNode ref(String name) {
        return NODES.objectNode().put("Ref", name);
    }

    static JsonNode text(String value) {
        return NODES.stringNode(value);
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(value -> value.asString("")).toList();
    }

    /** Each error as "where keyword [property]", stable whatever the validator's message wording. */
    static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream()
                .map(SamTemplatesTest::describe)
                .toList();
    }

    static String describe(Error error) {
        String where = error.getInstanceLocation().toString().replaceFirst("^\\$", "");
        String property = error.getProperty() == null ? "" : " " + error.getProperty();
        return (where.isEmpty() ? "/" : where) + " " + error.getKeyword() + property;
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    // ---- the events ----

    static String event(String file) {
        return EVENTS.resolve(file).toString();
    }

    static SearchRequest searchRequest(String json) {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(json, SearchRequest.class);
    }

    // ---- the stack CloudFormation would make ----

    static Stack stack(String file, Map<String, String> parameters) {
        return new Stack(template(file), parameters);
    }

    /**
     * What a SAM policy template grants, as samtranslator's policy_templates.json builds it: the secret's ARN as
     * given, or the parameter's ARN with or without a slash before the name.
     */
    static String grantedResource(JsonNode policy) {
        String prefix = "arn:aws:ssm:eu-west-1:123456789012:parameter";
        return switch (policy.propertyNames().iterator().next()) {
            case "AWSSecretsManagerGetSecretValuePolicy" ->
                policy.at("/AWSSecretsManagerGetSecretValuePolicy/SecretArn").asString();
            case "SSMParameterReadPolicy" ->
                prefix + "/"
                        + policy.at("/SSMParameterReadPolicy/ParameterName").asString();
            case "SSMParameterWithSlashPrefixReadPolicy" ->
                prefix
                        + policy.at("/SSMParameterWithSlashPrefixReadPolicy/ParameterName")
                                .asString();
            default -> throw new AssertionError("unexpected policy " + policy);
        };
    }

    /**
     * A template with parameter values, evaluated as CloudFormation would deploy it in eu-west-1 of account
     * 123456789012: the parameters' constraints, the rules, the conditions, and the intrinsic functions the templates
     * use ({@code Ref}, {@code Fn::If}, {@code Fn::Sub}, {@code Fn::Select}, {@code Fn::Split}). A {@code Ref} or
     * {@code Fn::Sub} variable naming a resource, and {@code Fn::GetAtt}, stay as they are.
     */
    record Stack(JsonNode template, Map<String, String> given) {

        static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
                "AWS::Partition", "aws",
                "AWS::Region", "eu-west-1",
                "AWS::AccountId", "123456789012",
                "AWS::URLSuffix", "amazonaws.com");
        static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

        String parameter(String name) {
            JsonNode declared = template.at("/Parameters/" + name);
            if (declared.isMissingNode()) {
                return PSEUDO_PARAMETERS.get(name);
            }
            return given.getOrDefault(name, declared.path("Default").asString(null));
        }

        /** A parameter's value as a Ref gives it: a list for a CommaDelimitedList, else a string. */
        JsonNode parameterValue(String name) {
            String value = parameter(name);
            if (value == null) {
                return null;
            }
            if (template.at("/Parameters/" + name + "/Type").asString("").equals("CommaDelimitedList")) {
                ArrayNode members = NODES.arrayNode();
                Stream.of(value.split(",", -1)).forEach(members::add);
                return members;
            }
            return NODES.stringNode(value);
        }

        /**
         * The parameters whose value breaks their AllowedValues (each member's, for a list), AllowedPattern, or a
         * Number's MinValue and MaxValue.
         */
        List<String> parameterViolations() {
            List<String> violations = new ArrayList<>();
            template.path("Parameters").properties().forEach(entry -> {
                String value = Objects.toString(parameter(entry.getKey()), "");
                JsonNode declared = entry.getValue();
                List<String> members = declared.path("Type").asString("").equals("CommaDelimitedList")
                        ? List.of(value.split(",", -1))
                        : List.of(value);
                JsonNode allowed = declared.path("AllowedValues");
                String pattern = declared.path("AllowedPattern").asString(null);
                boolean number = declared.path("Type").asString("").equals("Number");
                if ((!allowed.isMissingNode() && !strings(allowed).containsAll(members))
                        || (pattern != null && !value.matches(pattern))
                        || (number && !withinBounds(value, declared))) {
                    violations.add(entry.getKey());
                }
            });
            return violations;
        }

        static boolean withinBounds(String value, JsonNode declared) {
            if (!value.matches("-?[0-9]+(\\.[0-9]+)?")) {
                return false;
            }
            double number = Double.parseDouble(value);
            return number >= declared.path("MinValue").asDouble(Double.NEGATIVE_INFINITY)
                    && number <= declared.path("MaxValue").asDouble(Double.POSITIVE_INFINITY);
        }

        /** The AssertDescription of each rule assertion that fails. */
        List<String> ruleViolations() {
            List<String> violations = new ArrayList<>();
            for (JsonNode rule : template.path("Rules")) {
                if (!rule.has("RuleCondition") || isTrue(rule.path("RuleCondition"))) {
                    for (JsonNode assertion : rule.path("Assertions")) {
                        if (!isTrue(assertion.path("Assert"))) {
                            violations.add(assertion.path("AssertDescription").asString(""));
                        }
                    }
                }
            }
            return violations;
        }

        /** Every condition, evaluated as CloudFormation does when it creates the stack: all of them, used or not. */
        Map<String, Boolean> conditions() {
            Map<String, Boolean> conditions = new TreeMap<>();
            template.path("Conditions").propertyNames().forEach(name -> conditions.put(name, condition(name)));
            return conditions;
        }

        boolean condition(String name) {
            JsonNode condition = template.at("/Conditions/" + name);
            assertThat(condition.isMissingNode()).as("condition " + name).isFalse();
            return isTrue(condition);
        }

        boolean isTrue(JsonNode condition) {
            if (condition.has("Condition")) {
                return condition(condition.path("Condition").asString());
            }
            if (condition.has("Fn::Equals")) {
                JsonNode values = condition.path("Fn::Equals");
                return resolve(values.path(0)).equals(resolve(values.path(1)));
            }
            if (condition.has("Fn::Not")) {
                return !isTrue(condition.path("Fn::Not").path(0));
            }
            if (condition.has("Fn::And")) {
                return condition.path("Fn::And").valueStream().allMatch(this::isTrue);
            }
            if (condition.has("Fn::Or")) {
                return condition.path("Fn::Or").valueStream().anyMatch(this::isTrue);
            }
            if (condition.has("Fn::Contains")) {
                // A rule function: whether the list holds the string.
                JsonNode arguments = condition.path("Fn::Contains");
                return strings(resolve(arguments.path(0)))
                        .contains(resolve(arguments.path(1)).asString());
            }
            throw new IllegalArgumentException("not a condition: " + condition);
        }

        /** The node with every function it can evaluate evaluated; AWS::NoValue removes the property or item. */
        JsonNode resolve(JsonNode node) {
            if (node.isObject() && node.size() == 1) {
                String function = node.propertyNames().iterator().next();
                JsonNode argument = node.path(function);
                switch (function) {
                    case "Ref" -> {
                        if (argument.asString().equals("AWS::NoValue")) {
                            return MissingNode.getInstance();
                        }
                        JsonNode value = parameterValue(argument.asString());
                        return value == null ? node : value;
                    }
                    case "Fn::If" -> {
                        return resolve(condition(argument.path(0).asString()) ? argument.path(1) : argument.path(2));
                    }
                    case "Fn::Sub" -> {
                        return NODES.stringNode(substitute(argument));
                    }
                    case "Fn::Join" -> {
                        return NODES.stringNode(
                                String.join(resolve(argument.path(0)).asString(), strings(resolve(argument.path(1)))));
                    }
                    case "Fn::Split" -> {
                        String delimiter = argument.path(0).asString();
                        ArrayNode parts = NODES.arrayNode();
                        // CloudFormation keeps empty strings: "a::" split on ":" is ["a", "", ""].
                        for (String part : resolve(argument.path(1)).asString().split(Pattern.quote(delimiter), -1)) {
                            parts.add(part);
                        }
                        return parts;
                    }
                    case "Fn::Select" -> {
                        int index = resolve(argument.path(0)).asInt();
                        JsonNode list = resolve(argument.path(1));
                        if (index < 0 || index >= list.size()) {
                            throw new IllegalStateException("Fn::Select index " + index + " out of range: " + list);
                        }
                        return list.path(index);
                    }
                    default -> {
                        // not a function this evaluator needs: fall through to the plain object
                    }
                }
            }
            if (node.isObject()) {
                ObjectNode object = NODES.objectNode();
                node.properties().forEach(entry -> {
                    JsonNode value = resolve(entry.getValue());
                    if (!value.isMissingNode()) {
                        object.set(entry.getKey(), value);
                    }
                });
                return object;
            }
            if (node.isArray()) {
                ArrayNode array = NODES.arrayNode();
                node.valueStream()
                        .map(this::resolve)
                        .filter(value -> !value.isMissingNode())
                        .forEach(array::add);
                return array;
            }
            return node;
        }

        String substitute(JsonNode argument) {
            String text = argument.isArray() ? argument.path(0).asString() : argument.asString();
            Map<String, String> variables = new LinkedHashMap<>();
            if (argument.isArray()) {
                argument.path(1)
                        .properties()
                        .forEach(entry -> variables.put(
                                entry.getKey(), resolve(entry.getValue()).asString()));
            }
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value = variables.containsKey(name) ? variables.get(name) : parameter(name);
                matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? matcher.group() : value));
            }
            matcher.appendTail(result);
            return result.toString();
        }
    }
}
