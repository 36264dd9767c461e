package dev.portafunc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The manifests in deploy/: valid against Knative's Service CRD and faas-cli's stack file, and true to the platform
 * rules a schema cannot express (Knative's webhook, OpenFaaS) and to how portafunc must run.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("../../deploy");
    static final Path KNATIVE = DEPLOY.resolve("knative");
    static final Path KUSTOMIZATION = KNATIVE.resolve("kustomization.yaml");
    static final Path STACK = DEPLOY.resolve("openfaas/stack.yml");
    static final Path PIN_IMAGE = KNATIVE.resolve("pin-image.sh");
    static final String BROKEN_SERVICE = "/deploy/broken-service.yaml";

    /** Each deployment's name, on both platforms, and the function it must select. */
    static final Map<String, String> FUNCTIONS =
            Map.of("search", "search", "manipulate", "manipulate", "search-manipulate", "searchManipulate");

    /** The deployments that search themselves, and so hold the providers' settings and keys. */
    static final Set<String> SEARCHING = Set.of("search", "search-manipulate");

    static final String KUBERNETES_SECRETS = "/etc/portafunc/secrets";
    static final String VISIBILITY = "networking.knative.dev/visibility";
    static final String OPENFAAS_SECRETS = "/var/openfaas/secrets";
    static final Path APP_PROPERTIES = Path.of("src/main/resources/application.properties");

    /** Settings a manifest may leave empty: the app checks them only when their provider is in the chain. */
    static final Set<String> EMPTY_AS_UNSET =
            Set.of("PORTAFUNC_SEARCH_VERTEX_SERVING_CONFIG", "PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID");

    // k8s_validation.go reservedEnvVars and reservedPorts (queue-proxy, metrics, profiling).
    static final Set<String> RESERVED_ENV = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");
    static final Set<Integer> RESERVED_PORTS = Set.of(8012, 8013, 8022, 9090, 9091, 8008);

    static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    // name@sha256:<hex>, where the name carries no tag (a colon after the last slash): the digest is the version.
    static final Pattern PINNED_IMAGE = Pattern.compile("([^@\\s]*/)?[^@:/\\s]+@sha256:[0-9a-f]{64}");
    static final Pattern MEMORY_MI = Pattern.compile("[0-9]+Mi");
    static final Pattern SECRET_PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+-api-key):}");

    static final String TEST_DIGEST = "sha256:" + "5e".repeat(32);

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** OpenAPI 3.0, plus Kubernetes' x-kubernetes-* extensions, which the validator takes as plain annotations. */
    static final Dialect CRD_DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keywords(Stream.of(
                            "x-kubernetes-preserve-unknown-fields",
                            "x-kubernetes-int-or-string",
                            "x-kubernetes-list-type",
                            "x-kubernetes-list-map-keys",
                            "x-kubernetes-map-type")
                    .map(AnnotationKeyword::new)
                    .toList())
            .build();

    static final Schema SERVICE_SCHEMA = SchemaRegistry.withDefaultDialect(CRD_DIALECT)
            .getSchema(closed(json("/specs/knative/service-v1-openapiv3-schema.json")));

    static final Schema STACK_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(json("/specs/openfaas/stack.schema.json"));

    /** Breaks every rule the stack checks enforce. */
    static final String BROKEN_STACK = """
            version: "2.0"
            provider:
              name: faas
            functions:
              Bad_Name:
                lang: java11
                image: registry.example.com/portafunc:latest
                readonly_root_filesystem: "yes"
                readonly_rootfilesystem: true
                limits:
                  memory: 256M
                labels:
                  com.openfaas.scale.min: "3"
                  com.openfaas.scale.max: "1"
                annotations:
                  com.openfaas.health.http.path: /health
                environment:
                  SPRING_CLOUD_FUNCTION_DEFINITION: nothing
            """;

    // ---- Knative: the schema ----

    static Stream<String> knativeServices() {
        try (Stream<Path> files = Files.walk(KNATIVE)) {
            return files
                    .filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .filter(file -> read(file).path("kind").asString("").equals("Service"))
                    .map(file -> KNATIVE.relativize(file).toString())
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode service(String file) {
        return read(KNATIVE.resolve(file));
    }

    @Test
    void everyKnativeManifestIsACheckedServiceOrTheKustomization() {
        assertThat(knativeServices())
                .containsExactlyInAnyOrder(
                        "search.yaml",
                        "manipulate.yaml",
                        "search-manipulate.yaml",
                        "rollout/blue-green.yaml",
                        "rollout/canary.yaml");
        try (Stream<Path> files = Files.list(KNATIVE)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")))
                    .containsExactlyInAnyOrder(
                            "search.yaml", "manipulate.yaml", "search-manipulate.yaml", "kustomization.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void serviceMatchesTheServiceCrdSchema(String file) {
        JsonNode service = service(file);

        assertThat(service.path("apiVersion").asString("")).isEqualTo("serving.knative.dev/v1");
        assertThat(errors(SERVICE_SCHEMA, service)).isEmpty();
    }

    @Test
    void brokenServiceIsRejectedByTheServiceCrdSchema() {
        assertThat(errors(SERVICE_SCHEMA, resource(BROKEN_SERVICE)))
                .containsExactlyInAnyOrder(
                        "/spec/template/spec/containerConcurrency type",
                        "/spec/template/spec/containers/0 additionalProperties portz");
    }

    @Test
    void unknownFieldsPassTheCrdSchemaAsPublishedButNotAsKubectlAppliesIt() {
        Schema published = SchemaRegistry.withDefaultDialect(CRD_DIALECT)
                .getSchema(json("/specs/knative/service-v1-openapiv3-schema.json"));

        assertThat(errors(published, resource(BROKEN_SERVICE)))
                .containsExactly("/spec/template/spec/containerConcurrency type");
    }

    // ---- Knative: the rules the schema cannot express (route_validation.go, revision_validation.go, ...) ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void trafficPercentsSumTo100(String file) {
        assertThat(trafficPercentViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void trafficTagsAreUniqueDns1035Labels(String file) {
        assertThat(trafficTagViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void trafficTargetsNameARevisionOrTheLatestOne(String file) {
        assertThat(trafficTargetViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void revisionNamesCarryTheServiceNameAsPrefix(String file) {
        assertThat(revisionNameViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void templateScalesToZero(String file) {
        assertThat(scaleViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void containerConcurrencyIsAHardLimitAboveTheTarget(String file) {
        assertThat(concurrencyViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void containerDeclaresExactlyOneUnreservedPort(String file) {
        assertThat(portViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void containerSetsNoReservedEnvironmentVariable(String file) {
        assertThat(reservedEnvViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void probesAskTheAppsReadyAndHealthPaths(String file) {
        assertThat(probeViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void timeoutOutlastsTheShutdownWaitWithinKnativesMaximum(String file) {
        assertThat(timeoutViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void containerRunsNonRootOnAReadOnlyRootWithATmpVolume(String file) {
        assertThat(securityViolations(service(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void imageIsPinnedByDigest(String file) {
        assertThat(knativeImageViolations(service(file), kustomizePinnedNames()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void serviceSelectsItsFunction(String file) {
        assertThat(knativeFunctionViolations(service(file))).isEmpty();
    }

    @Test
    void brokenServiceFailsEveryKnativeCheck() {
        JsonNode broken = resource(BROKEN_SERVICE);
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(trafficPercentViolations(broken)).as("percents").isNotEmpty();
        softly.assertThat(trafficTagViolations(broken)).as("tags").hasSize(3);
        softly.assertThat(trafficTargetViolations(broken)).as("targets").hasSize(3);
        softly.assertThat(revisionNameViolations(broken)).as("revision names").isNotEmpty();
        softly.assertThat(scaleViolations(broken)).as("scale").hasSize(2);
        softly.assertThat(concurrencyViolations(broken)).as("concurrency").isNotEmpty();
        softly.assertThat(portViolations(broken)).as("ports").hasSize(2);
        softly.assertThat(reservedEnvViolations(broken)).as("env").hasSize(2);
        softly.assertThat(probeViolations(broken)).as("probes").hasSize(2);
        softly.assertThat(timeoutViolations(broken)).as("timeout").isNotEmpty();
        softly.assertThat(securityViolations(broken)).as("security").isNotEmpty();
        softly.assertThat(knativeImageViolations(broken, kustomizePinnedNames()))
                .as("image")
                .isNotEmpty();
        softly.assertThat(knativeFunctionViolations(broken)).as("function").isNotEmpty();
        softly.assertAll();
    }

    // ---- Knative: this project's deployments ----

    @Test
    void kustomizationDeploysTheThreeServicesWithTheImagePinnedByDigest() {
        JsonNode kustomization = read(KUSTOMIZATION);

        assertThat(strings(kustomization.path("resources")))
                .containsExactlyInAnyOrder("search.yaml", "manipulate.yaml", "search-manipulate.yaml");
        assertThat(kustomization.path("images")).hasSize(1);
        JsonNode image = kustomization.path("images").path(0);
        assertThat(image.path("name").asString("")).isEqualTo("portafunc");
        assertThat(image.path("newName").asString("")).doesNotContain("@").doesNotContain(":");
        assertThat(image.path("digest").asString("")).matches(DIGEST);
        assertThat(image.has("newTag")).as("newTag").isFalse();
    }

    @Test
    void theThreeServicesSelectTheThreeFunctions() {
        Map<String, String> selected = new TreeMap<>();
        for (String file : strings(read(KUSTOMIZATION).path("resources"))) {
            JsonNode service = service(file);
            selected.put(
                    service.path("metadata").path("name").asString(""),
                    env(container(service)).get("SPRING_CLOUD_FUNCTION_DEFINITION"));
        }

        assertThat(selected).isEqualTo(new TreeMap<>(FUNCTIONS));
    }

    @Test
    void manipulateCallsSearchOverTheClusterLocalUrl() {
        assertThat(env(container(service("manipulate.yaml"))))
                .containsEntry("PORTAFUNC_SEARCH_REMOTE_URL", "http://search.default.svc.cluster.local/v2/search");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void onlySearchIsPrivateToTheCluster(String file) {
        JsonNode service = service(file);
        String name = service.path("metadata").path("name").asString("");

        // manipulate is search's one caller, from inside the cluster; with a paid provider every call to search costs.
        assertThat(service.path("metadata").path("labels").path(VISIBILITY).asString("public"))
                .as(name)
                .isEqualTo(name.equals("search") ? "cluster-local" : "public");
        assertThat(template(service).path("metadata").path("labels").has(VISIBILITY))
                .as("visibility is the Service's label, not the revision's")
                .isFalse();
    }

    @Test
    void onlySearchingServicesMountTheOptionalSecretWithEveryProvidersKey() {
        for (String file : List.of("search.yaml", "search-manipulate.yaml", "manipulate.yaml")) {
            JsonNode service = service(file);
            boolean needsKey =
                    SEARCHING.contains(service.path("metadata").path("name").asString(""));
            JsonNode secret = volumeMountedAt(service, KUBERNETES_SECRETS);

            assertThat(secret.isMissingNode()).as(file).isEqualTo(!needsKey);
            if (needsKey) {
                assertThat(secret.path("secret").path("secretName").asString(""))
                        .isEqualTo("portafunc-secrets");
                // optional covers the Secret and each key in it: a Secret with only some of the keys mounts those.
                assertThat(secret.path("secret").path("optional").asBoolean(false))
                        .as("optional")
                        .isTrue();
                assertThat(strings(secret.path("secret").path("items"), "key"))
                        .containsExactlyInAnyOrderElementsOf(appSecretFiles());
                assertThat(strings(secret.path("secret").path("items"), "path"))
                        .as("each file named as the setting the app reads")
                        .isEqualTo(strings(secret.path("secret").path("items"), "key"));
            }
        }
    }

    @Test
    void secretFoldersAreTheConfigTreesTheAppImports() {
        assertThat(appConfigTrees()).contains(KUBERNETES_SECRETS + "/", OPENFAAS_SECRETS + "/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knativeServices")
    void emptySettingsAreOnlyThoseReadWhenTheirProviderIsChosen(String file) {
        assertThat(env(container(service(file))).entrySet().stream()
                        .filter(variable -> variable.getValue().isEmpty())
                        .map(Map.Entry::getKey))
                .isSubsetOf(EMPTY_AS_UNSET);
    }

    @Test
    void blueGreenKeepsGreenDarkBehindItsTag() {
        JsonNode service = service("rollout/blue-green.yaml");

        assertThat(template(service).path("metadata").path("name").asString("")).isEqualTo("search-manipulate-v2");
        assertThat(traffic(service))
                .containsExactly(
                        "revisionName=search-manipulate-v2 percent=100",
                        "revisionName=search-manipulate-v1 percent=0 tag=blue",
                        "revisionName=search-manipulate-v2 percent=0 tag=green");
    }

    @Test
    void blueGreenRollsBackWithAOneLineChange() throws Exception {
        List<String> lines = Files.readAllLines(KNATIVE.resolve("rollout/blue-green.yaml"));
        int live = lines.indexOf("    - revisionName: search-manipulate-v2");
        List<String> rolledBack = new ArrayList<>(lines);
        rolledBack.set(live, "    - revisionName: search-manipulate-v1");

        JsonNode service = YAML.readTree(String.join("\n", rolledBack));
        assertThat(trafficPercentViolations(service)).isEmpty();
        assertThat(trafficTagViolations(service)).isEmpty();
        assertThat(traffic(service))
                .containsExactly(
                        "revisionName=search-manipulate-v1 percent=100",
                        "revisionName=search-manipulate-v1 percent=0 tag=blue",
                        "revisionName=search-manipulate-v2 percent=0 tag=green");
    }

    @Test
    void canarySendsTenPercentToTheLatestRevision() {
        assertThat(traffic(service("rollout/canary.yaml")))
                .containsExactly(
                        "revisionName=search-manipulate-v1 percent=90 tag=stable",
                        "latestRevision=true percent=10 tag=canary");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollouts")
    void rolloutChangesOnlyTheRankingToggle(String file) {
        JsonNode rollout = service(file);
        // v1 kept the provider's order with the toggle; the new revision leaves it out: relevance, the default.
        assertThat(env(container(rollout))).doesNotContainKey(RANKING_TOGGLE);

        assertThat(configurationOf(rollout)).isEqualTo(configurationOf(service("search-manipulate.yaml")));
    }

    /** The composition that turns relevance ranking off: manipulate alone, in the provider's order. */
    static final String RANKING_TOGGLE = "PORTAFUNC_FUNCTIONS_COMPOSITIONS_MANIPULATE";

    static Stream<String> rollouts() {
        return Stream.of("rollout/blue-green.yaml", "rollout/canary.yaml");
    }

    // ---- OpenFaaS ----

    @Test
    void stackMatchesTheStackSchema() {
        assertThat(errors(STACK_SCHEMA, read(STACK))).isEmpty();
    }

    @Test
    void brokenStackIsRejectedByTheStackSchema() {
        assertThat(errors(STACK_SCHEMA, YAML.readTree(BROKEN_STACK)))
                .containsExactlyInAnyOrder(
                        "/version const",
                        "/provider/name const",
                        "/functions propertyNames Bad_Name",
                        "/functions/Bad_Name/readonly_root_filesystem type",
                        "/functions/Bad_Name additionalProperties readonly_rootfilesystem");
    }

    @Test
    void stackDeploysTheThreeFunctions() {
        assertThat(functions(read(STACK)).keySet()).containsExactlyInAnyOrderElementsOf(FUNCTIONS.keySet());
        assertThat(read(STACK).path("provider").path("gateway").asString("")).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void functionNamesAreDns1035Labels() {
        functions(read(STACK))
                .forEach((name, function) ->
                        assertThat(openFaasNameViolations(name)).as(name).isEmpty());
    }

    @Test
    void functionsDeployTheImageJibBuilt() {
        functions(read(STACK))
                .forEach((name, function) ->
                        assertThat(openFaasBuildViolations(function)).as(name).isEmpty());
    }

    @Test
    void functionsRunReadOnlyWithMemoryInMi() {
        functions(read(STACK))
                .forEach((name, function) -> assertThat(openFaasResourceViolations(function))
                        .as(name)
                        .isEmpty());
    }

    @Test
    void functionsScaleToZero() {
        functions(read(STACK))
                .forEach((name, function) ->
                        assertThat(openFaasScaleViolations(function)).as(name).isEmpty());
    }

    @Test
    void functionsAreProbedOnTheAppsPaths() {
        functions(read(STACK))
                .forEach((name, function) ->
                        assertThat(openFaasProbeViolations(function)).as(name).isEmpty());
    }

    @Test
    void functionImagesArePinnedByDigest() {
        functions(read(STACK))
                .forEach((name, function) ->
                        assertThat(openFaasImageViolations(function)).as(name).isEmpty());
    }

    @Test
    void functionsSelectTheirFunctionAndKnowTheyRunOnOpenFaas() {
        functions(read(STACK))
                .forEach((name, function) -> assertThat(openFaasFunctionViolations(name, function))
                        .as(name)
                        .isEmpty());
    }

    @Test
    void manipulateCallsSearchThroughTheGateway() {
        assertThat(stringMap(functions(read(STACK)).get("manipulate").path("environment")))
                .containsEntry("PORTAFUNC_SEARCH_REMOTE_URL", "http://gateway.openfaas:8080/function/search/v2/search");
    }

    @Test
    void searchingFunctionsListTheSecretsOfTheProvidersInTheirChainAndNoOthers() {
        functions(read(STACK))
                .forEach((name, function) -> assertThat(openFaasSecretViolations(name, function))
                        .as(name)
                        .isEmpty());
    }

    @Test
    void searchAndSearchManipulateSearchAlike() {
        Map<String, JsonNode> functions = functions(read(STACK));

        assertThat(providerSettings(functions.get("search-manipulate")))
                .isEqualTo(providerSettings(functions.get("search")))
                .containsKey("PORTAFUNC_SEARCH_PROVIDER");
        assertThat(functions.get("search-manipulate").path("secrets"))
                .isEqualTo(functions.get("search").path("secrets"));
    }

    @Test
    void theSecretChecksCatchAMissingAndAStrayKey() {
        JsonNode braveWithoutItsKey = YAML.readTree("""
                environment:
                  PORTAFUNC_SEARCH_PROVIDER: brave,local
                secrets: [google-api-key]
                """);

        assertThat(openFaasSecretViolations("search", braveWithoutItsKey))
                .containsExactlyInAnyOrder(
                        "want brave-api-key listed for brave",
                        "want google-api-key listed only with google in the chain");
        assertThat(openFaasSecretViolations("manipulate", braveWithoutItsKey)).hasSize(2);
    }

    @Test
    void brokenStackFailsEveryOpenFaasCheck() {
        Map<String, JsonNode> broken = functions(YAML.readTree(BROKEN_STACK));
        JsonNode function = broken.get("Bad_Name");
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(openFaasNameViolations("Bad_Name")).as("name").isNotEmpty();
        softly.assertThat(openFaasBuildViolations(function)).as("build").hasSize(2);
        softly.assertThat(openFaasResourceViolations(function)).as("resources").hasSize(3);
        softly.assertThat(openFaasScaleViolations(function)).as("scale").isNotEmpty();
        softly.assertThat(openFaasProbeViolations(function)).as("probes").hasSize(2);
        softly.assertThat(openFaasImageViolations(function)).as("image").isNotEmpty();
        softly.assertThat(openFaasFunctionViolations("Bad_Name", function))
                .as("function")
                .isNotEmpty();
        softly.assertAll();
    }

    // ---- pin-image.sh ----

    @Test
    void pinImageWritesTheDigestAndNameIntoEveryManifest(@TempDir Path tmp) throws IOException {
        Path bash = bash();
        Path manifests = copyOfDeploy(tmp);
        Path digestFile = Files.writeString(tmp.resolve("jib-image.digest"), TEST_DIGEST + "\n");
        String name = "registry.test:5000/acme/portafunc";

        List<Object> pin =
                List.of(PIN_IMAGE.toAbsolutePath(), "--manifests-root", manifests, "--digest-file", digestFile, name);

        Run run = run(bash, pin);

        assertThat(run.exit()).as(run.output()).isZero();
        assertPinned(manifests, name);
        Map<Path, String> once = contents(manifests);
        assertThat(run(bash, pin).exit()).isZero();
        assertThat(contents(manifests)).as("a second run changes nothing").isEqualTo(once);
    }

    @Test
    void pinImageReadsWhatJibWroteBesideTheManifests(@TempDir Path tmp) throws IOException {
        Path bash = bash();
        Path manifests = copyOfDeploy(tmp);
        Path target = Files.createDirectories(tmp.resolve("functions/app/target"));
        Files.writeString(target.resolve("jib-image.digest"), TEST_DIGEST + "\n");

        // The copied script finds the repository root from its own location, as the documented command does.
        Run run = run(bash, List.of(manifests.resolve("knative/pin-image.sh")));

        assertThat(run.exit()).as(run.output()).isZero();
        assertPinned(manifests, "registry.example.com/portafunc");
    }

    static Stream<String> malformedDigests() {
        return Stream.of(
                "sha256:abc",
                "sha256:" + "AB".repeat(32),
                "sha512:" + "ab".repeat(32),
                "registry.example.com/portafunc@sha256:" + "ab".repeat(32),
                "");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("malformedDigests")
    void pinImageRejectsAMalformedDigestAndChangesNothing(String digest, @TempDir Path tmp) throws IOException {
        Path bash = bash();
        Path manifests = copyOfDeploy(tmp);
        Map<Path, String> before = contents(manifests);
        Path digestFile = Files.writeString(tmp.resolve("jib-image.digest"), digest);

        Run run = run(
                bash, List.of(PIN_IMAGE.toAbsolutePath(), "--manifests-root", manifests, "--digest-file", digestFile));

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("does not hold a digest");
        assertThat(contents(manifests)).isEqualTo(before);
    }

    static void assertPinned(Path manifests, String name) {
        JsonNode image = read(manifests.resolve("knative/kustomization.yaml"))
                .path("images")
                .path(0);
        assertThat(image.path("digest").asString("")).isEqualTo(TEST_DIGEST);
        assertThat(image.path("newName").asString("")).isEqualTo(name);
        functions(read(manifests.resolve("openfaas/stack.yml")))
                .forEach((function, spec) ->
                        assertThat(spec.path("image").asString("")).as(function).isEqualTo(name + "@" + TEST_DIGEST));
        for (String rollout : List.of("knative/rollout/blue-green.yaml", "knative/rollout/canary.yaml")) {
            assertThat(container(read(manifests.resolve(rollout))).path("image").asString(""))
                    .as(rollout)
                    .isEqualTo(name + "@" + TEST_DIGEST);
        }
    }

    // ---- the checks: each returns what is wrong, so a test can show it also catches a broken manifest ----

    static List<String> trafficPercentViolations(JsonNode service) {
        JsonNode traffic = service.path("spec").path("traffic");
        if (traffic.isMissingNode()) {
            return List.of(); // no traffic block: all of it goes to the latest revision
        }
        List<String> violations = new ArrayList<>();
        int sum = 0;
        for (JsonNode target : traffic) {
            int percent = target.path("percent").asInt(0);
            if (percent < 0 || percent > 100) {
                violations.add("percent " + percent + " is outside 0..100");
            }
            sum += percent;
        }
        if (sum != 100) {
            violations.add("traffic targets sum to " + sum + ", want 100");
        }
        return violations;
    }

    static List<String> trafficTagViolations(JsonNode service) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode target : service.path("spec").path("traffic")) {
            if (target.has("tag")) {
                String tag = target.path("tag").asString("");
                if (!isDns1035Label(tag)) {
                    violations.add("tag " + tag + " is not a DNS-1035 label");
                }
                if (!seen.add(tag)) {
                    violations.add("tag " + tag + " is used twice");
                }
            }
        }
        return violations;
    }

    /** Stricter than Knative's defaulting: a target without a revision name must say latestRevision: true. */
    static List<String> trafficTargetViolations(JsonNode service) {
        List<String> violations = new ArrayList<>();
        for (JsonNode target : service.path("spec").path("traffic")) {
            String revision = target.path("revisionName").asString("");
            boolean latest = target.path("latestRevision").asBoolean(false);
            if (target.has("configurationName")) {
                violations.add("a Service's traffic may not name a configuration: " + target);
            }
            if (!revision.isEmpty() && latest) {
                violations.add("revisionName with latestRevision: true: " + target);
            }
            if (revision.isEmpty() && !latest) {
                violations.add("neither a revisionName nor latestRevision: true: " + target);
            }
        }
        return violations;
    }

    static List<String> revisionNameViolations(JsonNode service) {
        String prefix = service.path("metadata").path("name").asString("") + "-";
        List<String> names = new ArrayList<>();
        JsonNode byo = template(service).path("metadata").path("name");
        if (!byo.isMissingNode()) {
            names.add(byo.asString(""));
        }
        for (JsonNode target : service.path("spec").path("traffic")) {
            if (target.has("revisionName")) {
                names.add(target.path("revisionName").asString(""));
            }
        }
        return names.stream()
                .filter(name -> !name.startsWith(prefix) || name.length() == prefix.length() || name.length() > 63)
                .map(name -> "revision " + name + " lacks the prefix " + prefix)
                .toList();
    }

    static List<String> scaleViolations(JsonNode service) {
        List<String> violations = new ArrayList<>();
        service.path("metadata").path("annotations").propertyNames().stream()
                .filter(key -> key.startsWith("autoscaling.knative.dev/"))
                .forEach(key -> violations.add(key + " is on the Service's metadata, not on the template's"));
        JsonNode annotations = template(service).path("metadata").path("annotations");
        String min = annotations.path("autoscaling.knative.dev/min-scale").asString("");
        if (!min.equals("0")) {
            violations.add("min-scale is \"" + min + "\", not \"0\"");
        }
        String max = annotations.path("autoscaling.knative.dev/max-scale").asString("");
        if (!max.matches("[0-9]+")) {
            violations.add("max-scale \"" + max + "\" is not a count");
        }
        String target = annotations.path("autoscaling.knative.dev/target").asString("");
        if (!target.matches("[0-9]+(\\.[0-9]+)?") || Double.parseDouble(target) < 0.01) {
            violations.add("target \"" + target + "\" is not a number >= 0.01");
        }
        return violations;
    }

    static List<String> concurrencyViolations(JsonNode service) {
        JsonNode concurrency = template(service).path("spec").path("containerConcurrency");
        if (!concurrency.isIntegralNumber() || concurrency.asInt() < 1 || concurrency.asInt() > 1000) {
            return List.of("containerConcurrency " + concurrency + " is not a deliberate limit in 1..1000");
        }
        String target = template(service)
                .path("metadata")
                .path("annotations")
                .path("autoscaling.knative.dev/target")
                .asString("");
        if (target.matches("[0-9]+(\\.[0-9]+)?") && Double.parseDouble(target) > concurrency.asInt()) {
            return List.of("target " + target + " is above containerConcurrency " + concurrency);
        }
        return List.of();
    }

    static List<String> portViolations(JsonNode service) {
        JsonNode containers = template(service).path("spec").path("containers");
        if (containers.size() != 1) {
            return List.of(containers.size() + " containers, want 1");
        }
        JsonNode ports = containers.path(0).path("ports");
        List<String> violations = new ArrayList<>();
        if (ports.size() != 1) {
            violations.add(ports.size() + " ports, want exactly 1");
        }
        for (JsonNode port : ports) {
            if (RESERVED_PORTS.contains(port.path("containerPort").asInt(0))) {
                violations.add("port " + port.path("containerPort") + " is reserved by Knative");
            }
            if (!Set.of("", "http1", "h2c").contains(port.path("name").asString(""))) {
                violations.add("port name " + port.path("name") + " is neither http1 nor h2c");
            }
            if (port.has("hostPort")) {
                violations.add("hostPort is not allowed");
            }
        }
        return violations;
    }

    static List<String> reservedEnvViolations(JsonNode service) {
        return env(container(service)).keySet().stream()
                .filter(RESERVED_ENV::contains)
                .map(name -> name + " is set by Knative")
                .toList();
    }

    static List<String> probeViolations(JsonNode service) {
        JsonNode container = container(service);
        int port = container.path("ports").path(0).path("containerPort").asInt(0);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> probe : Map.of("readinessProbe", "/_/ready", "livenessProbe", "/_/health")
                .entrySet()) {
            JsonNode httpGet = container.path(probe.getKey()).path("httpGet");
            if (!httpGet.path("path").asString("").equals(probe.getValue())) {
                violations.add(probe.getKey() + " asks " + httpGet.path("path") + ", not " + probe.getValue());
            }
            if (httpGet.has("port") && httpGet.path("port").asInt(-1) != port) {
                violations.add(probe.getKey() + " probes port " + httpGet.path("port") + ", not the serving port");
            }
            if (container.path(probe.getKey()).path("initialDelaySeconds").asInt(0) > 0) {
                violations.add(probe.getKey() + " delays the first probe, adding to cold start");
            }
        }
        return violations;
    }

    /** Above the app's 20 s shutdown wait (Knative's termination grace period is timeoutSeconds), at most 600. */
    static List<String> timeoutViolations(JsonNode service) {
        JsonNode timeout = template(service).path("spec").path("timeoutSeconds");
        if (!timeout.isIntegralNumber() || timeout.asInt() <= 20 || timeout.asInt() > 600) {
            return List.of("timeoutSeconds " + timeout + " is not in 21..600");
        }
        return List.of();
    }

    static List<String> securityViolations(JsonNode service) {
        JsonNode security = container(service).path("securityContext");
        List<String> violations = new ArrayList<>();
        expect(violations, security.path("runAsNonRoot").asBoolean(false), "runAsNonRoot: true");
        expect(violations, security.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFilesystem: true");
        expect(
                violations,
                !security.path("allowPrivilegeEscalation").asBoolean(true),
                "allowPrivilegeEscalation: false");
        expect(violations, strings(security.path("capabilities").path("drop")).contains("ALL"), "drop ALL");
        expect(
                violations,
                security.path("seccompProfile").path("type").asString("").equals("RuntimeDefault"),
                "seccompProfile RuntimeDefault");
        expect(violations, volumeMountedAt(service, "/tmp").has("emptyDir"), "an emptyDir at /tmp");
        return violations;
    }

    static List<String> knativeImageViolations(JsonNode service, Set<String> kustomizePinned) {
        String image = container(service).path("image").asString("");
        if (kustomizePinned.contains(image) || PINNED_IMAGE.matcher(image).matches()) {
            return List.of();
        }
        return List.of("image " + image + " is not pinned by digest");
    }

    static List<String> knativeFunctionViolations(JsonNode service) {
        String name = service.path("metadata").path("name").asString("");
        String definition = env(container(service)).get("SPRING_CLOUD_FUNCTION_DEFINITION");
        if (!FUNCTIONS.containsKey(name) || !FUNCTIONS.get(name).equals(definition)) {
            return List.of("Service " + name + " selects " + definition);
        }
        return List.of();
    }

    static List<String> openFaasNameViolations(String name) {
        return isDns1035Label(name) ? List.of() : List.of(name + " is not a DNS-1035 label of at most 63 characters");
    }

    static List<String> openFaasBuildViolations(JsonNode function) {
        List<String> violations = new ArrayList<>();
        expect(violations, function.path("lang").asString("").equals("dockerfile"), "lang: dockerfile");
        expect(violations, function.path("skip_build").asBoolean(false), "skip_build: true");
        return violations;
    }

    static List<String> openFaasResourceViolations(JsonNode function) {
        List<String> violations = new ArrayList<>();
        expect(
                violations,
                function.path("readonly_root_filesystem").isBoolean()
                        && function.path("readonly_root_filesystem").asBoolean(),
                "readonly_root_filesystem: true");
        for (String kind : List.of("limits", "requests")) {
            String memory = function.path(kind).path("memory").asString("");
            expect(violations, MEMORY_MI.matcher(memory).matches(), kind + ".memory in Mi, not " + memory);
        }
        return violations;
    }

    static List<String> openFaasScaleViolations(JsonNode function) {
        Map<String, String> labels = stringMap(function.path("labels"));
        List<String> violations = new ArrayList<>();
        expect(violations, "true".equals(labels.get("com.openfaas.scale.zero")), "com.openfaas.scale.zero: \"true\"");
        expect(
                violations,
                Objects.toString(labels.get("com.openfaas.scale.zero-duration")).matches("[0-9]+(s|m|h)"),
                "com.openfaas.scale.zero-duration as a Go duration");
        String min = Objects.toString(labels.get("com.openfaas.scale.min"));
        String max = Objects.toString(labels.get("com.openfaas.scale.max"));
        expect(
                violations,
                min.matches("[0-9]+") && max.matches("[0-9]+") && Integer.parseInt(min) <= Integer.parseInt(max),
                "com.openfaas.scale.min <= com.openfaas.scale.max");
        expect(
                violations,
                Objects.toString(labels.get("com.openfaas.scale.target")).matches("[1-9][0-9]*"),
                "com.openfaas.scale.target");
        expect(
                violations,
                Set.of("rps", "capacity", "cpu").contains(Objects.toString(labels.get("com.openfaas.scale.type"))),
                "com.openfaas.scale.type rps, capacity or cpu");
        return violations;
    }

    static List<String> openFaasProbeViolations(JsonNode function) {
        Map<String, String> annotations = stringMap(function.path("annotations"));
        List<String> violations = new ArrayList<>();
        expect(violations, "/_/health".equals(annotations.get("com.openfaas.health.http.path")), "health /_/health");
        expect(violations, "/_/ready".equals(annotations.get("com.openfaas.ready.http.path")), "ready /_/ready");
        return violations;
    }

    static List<String> openFaasImageViolations(JsonNode function) {
        String image = function.path("image").asString("");
        return PINNED_IMAGE.matcher(image).matches() ? List.of() : List.of(image + " is not pinned by digest");
    }

    static List<String> openFaasFunctionViolations(String name, JsonNode function) {
        Map<String, String> environment = stringMap(function.path("environment"));
        List<String> violations = new ArrayList<>();
        expect(
                violations,
                FUNCTIONS.containsKey(name)
                        && FUNCTIONS.get(name).equals(environment.get("SPRING_CLOUD_FUNCTION_DEFINITION")),
                name + " selects " + environment.get("SPRING_CLOUD_FUNCTION_DEFINITION"));
        expect(violations, name.equals(environment.get("OPENFAAS_NAME")), "OPENFAAS_NAME: " + name);
        return violations;
    }

    /**
     * A searching function lists the key of each provider in its chain that cannot go without one (brave, google),
     * may list vertex-api-key with vertex (a key, or Google credentials), and lists no other: OpenFaaS refuses a deploy
     * naming a secret that does not exist, so a stray one makes every deploy create a secret nothing reads.
     */
    static List<String> openFaasSecretViolations(String name, JsonNode function) {
        List<String> secrets = strings(function.path("secrets"));
        List<String> violations = new ArrayList<>();
        if (!SEARCHING.contains(name)) {
            expect(violations, secrets.isEmpty(), "no secrets: " + name + " does not search");
            expect(
                    violations,
                    providerSettings(function).isEmpty(),
                    "no provider settings: " + name + " does not search");
            return violations;
        }
        List<String> chain =
                chain(stringMap(function.path("environment")).getOrDefault("PORTAFUNC_SEARCH_PROVIDER", ""));
        for (String provider : List.of("brave", "google")) {
            if (chain.contains(provider)) {
                expect(
                        violations,
                        secrets.contains(provider + "-api-key"),
                        provider + "-api-key listed for " + provider);
            }
        }
        for (String secret : secrets) {
            String provider = secret.replaceFirst("-api-key$", "");
            expect(
                    violations,
                    appSecretFiles().contains(secret) && chain.contains(provider),
                    secret + " listed only with " + provider + " in the chain");
        }
        return violations;
    }

    /** The search provider settings a function's environment holds. */
    static Map<String, String> providerSettings(JsonNode function) {
        Map<String, String> settings = new TreeMap<>(stringMap(function.path("environment")));
        settings.keySet()
                .removeIf(key -> !key.startsWith("PORTAFUNC_SEARCH_") || key.equals("PORTAFUNC_SEARCH_REMOTE_URL"));
        return settings;
    }

    /** The providers of a PORTAFUNC_SEARCH_PROVIDER value, in order, as the app reads them. */
    static List<String> chain(String provider) {
        return Stream.of(provider.split(","))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /** Each error as where, which keyword and, when there is one, which property. */
    static List<String> errors(Schema schema, JsonNode document) {
        return schema.validate(document).stream()
                .map(error -> (error.getInstanceLocation() + " " + error.getKeyword() + " "
                                + Objects.toString(error.getProperty(), ""))
                        .strip())
                .toList();
    }

    static boolean isDns1035Label(String name) {
        return name.length() <= 63 && DNS_1035.matcher(name).matches();
    }

    static void expect(List<String> violations, boolean holds, String what) {
        if (!holds) {
            violations.add("want " + what);
        }
    }

    // ---- reading the manifests ----

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = DeployManifestsTest.class.getResourceAsStream(name)) {
            return YAML.readTree(new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try (InputStream in = DeployManifestsTest.class.getResourceAsStream(name)) {
            return JsonMapper.shared().readTree(Objects.requireNonNull(in, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CRD schema as {@code kubectl apply}'s strict field validation applies it: an object that lists its
     * properties takes no other, unless it says it preserves unknown fields. Structural schemas leave that implicit.
     */
    static JsonNode closed(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        return copy;
    }

    static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties")
                && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        object.path("properties").values().forEach(DeployManifestsTest::close);
        close(object.path("items"));
        close(object.path("additionalProperties"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            object.path(combinator).values().forEach(DeployManifestsTest::close);
        }
    }

    /** The secret files the app reads as settings: {@code ${name:}} placeholders in its application.properties. */
    static List<String> appSecretFiles() {
        return appProperties().values().stream()
                .map(SECRET_PLACEHOLDER::matcher)
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .sorted()
                .toList();
    }

    /** The folders the app imports as config trees (spring.config.import). */
    static List<String> appConfigTrees() {
        return Stream.of(
                        appProperties().getOrDefault("spring.config.import", "").split(","))
                .map(String::strip)
                .filter(entry -> entry.startsWith("optional:configtree:"))
                .map(entry -> entry.substring("optional:configtree:".length()))
                .toList();
    }

    static Map<String, String> appProperties() {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(APP_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    static Set<String> kustomizePinnedNames() {
        Set<String> names = new HashSet<>();
        for (JsonNode image : read(KUSTOMIZATION).path("images")) {
            if (DIGEST.matcher(image.path("digest").asString("")).matches()) {
                names.add(image.path("name").asString(""));
            }
        }
        return names;
    }

    static JsonNode template(JsonNode service) {
        return service.path("spec").path("template");
    }

    static JsonNode container(JsonNode service) {
        return template(service).path("spec").path("containers").path(0);
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asString(""), variable.path("value").asString(""));
        }
        return env;
    }

    static JsonNode volumeMountedAt(JsonNode service, String path) {
        for (JsonNode mount : container(service).path("volumeMounts")) {
            if (mount.path("mountPath").asString("").equals(path)) {
                for (JsonNode volume : template(service).path("spec").path("volumes")) {
                    if (volume.path("name").equals(mount.path("name"))) {
                        return volume;
                    }
                }
            }
        }
        return MissingNode.getInstance();
    }

    static List<String> traffic(JsonNode service) {
        List<String> targets = new ArrayList<>();
        for (JsonNode target : service.path("spec").path("traffic")) {
            List<String> fields = new ArrayList<>();
            target.properties()
                    .forEach(field ->
                            fields.add(field.getKey() + "=" + field.getValue().asString()));
            targets.add(String.join(" ", fields));
        }
        return targets;
    }

    /** A Service's revision template less what a rollout may change: its name, the image reference, the toggle. */
    static JsonNode configurationOf(JsonNode service) {
        ObjectNode template = (ObjectNode) template(service).deepCopy();
        ((ObjectNode) template.path("metadata")).remove("name");
        ObjectNode container =
                (ObjectNode) template.path("spec").path("containers").path(0);
        container.remove("image");
        container.set(
                "env",
                JsonMapper.shared()
                        .valueToTree(container
                                .path("env")
                                .valueStream()
                                .filter(variable ->
                                        !variable.path("name").asString("").equals(RANKING_TOGGLE))
                                .toList()));
        return template;
    }

    static Map<String, JsonNode> functions(JsonNode stack) {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        stack.path("functions").properties().forEach(entry -> functions.put(entry.getKey(), entry.getValue()));
        return functions;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties()
                .forEach(entry -> map.put(entry.getKey(), entry.getValue().asString("")));
        return map;
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(value -> value.asString("")).toList();
    }

    static List<String> strings(JsonNode array, String field) {
        return array.valueStream().map(value -> value.path(field).asString("")).toList();
    }

    // ---- running pin-image.sh ----

    record Run(int exit, String output) {}

    static Path bash() {
        Path bash = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)),
                        Stream.of("/bin", "/usr/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "bash"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(bash != null, "bash is not installed");
        return bash;
    }

    static Run run(Path bash, List<?> arguments) {
        List<String> command = new ArrayList<>(List.of(bash.toString()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The script's own overrides must come from the test, not from the machine running it.
        builder.environment().remove("PORTAFUNC_MANIFESTS_ROOT");
        builder.environment().remove("PORTAFUNC_IMAGE_DIGEST_FILE");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("pin-image.sh finished")
                    .isTrue();
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path copyOfDeploy(Path tmp) throws IOException {
        Path copy = tmp.resolve("deploy");
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(DEPLOY.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    static Map<Path, String> contents(Path root) throws IOException {
        Map<Path, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file), Files.readString(file));
            }
        }
        return contents;
    }
}
