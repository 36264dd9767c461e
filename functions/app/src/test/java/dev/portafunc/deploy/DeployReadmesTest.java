package dev.portafunc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/**
 * The commands in the deploy READMEs and the migration guide, read as a newcomer runs them. What needs a cloud
 * ({@code jib:build}, {@code kn}, {@code faas-cli}, {@code sam}) cannot run here, so each is held to what the build and
 * the manifests have: the image profile, the Services, functions, templates, parameters and secrets it names, the
 * settings it passes, the files it reads. The values the prose states are held to the manifests too.
 */
class DeployReadmesTest {

    static final Path ROOT = Path.of("../..");
    static final Path POM = Path.of("pom.xml");
    static final Path ASSEMBLY = Path.of("src/assembly/lambda-zip.xml");

    /** The documents whose commands are checked, and the platform each one deploys to. */
    static final Map<String, Platform> DOCS = Map.of(
            "deploy/knative/README.md", Platform.KNATIVE,
            "deploy/knative/rollout/README.md", Platform.KNATIVE,
            "deploy/openfaas/README.md", Platform.OPENFAAS,
            "deploy/lambda/README.md", Platform.LAMBDA,
            "docs/migrating-from-google-cse.md", Platform.ALL);

    enum Platform {
        KNATIVE,
        OPENFAAS,
        LAMBDA,
        ALL
    }

    /** The programs whose commands are read, in a code block or in a code span of the prose. */
    static final Set<String> TOOLS = Set.of(
            "./mvnw", "kn", "kubectl", "faas-cli", "sam", "aws", "curl", "cfn-lint", "deploy/knative/pin-image.sh");

    static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A path in this repository, as a command names it: alone, after {@code @} or {@code file://}, or in a word. */
    static final Pattern REPO_PATH =
            Pattern.compile("(?<![A-Za-z0-9_.-])((?:deploy|docs|functions|bench)/[A-Za-z0-9_./-]*[A-Za-z0-9_/-])");

    static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z0-9 _-]*>");
    static final Pattern FRAGMENT = Pattern.compile("^([A-Za-z][A-Za-z0-9./-]*): (\\S.*)$");
    static final Pattern MEBIBYTES = Pattern.compile("\\b([0-9]+Mi)\\b");
    static final Pattern PARAMETER_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Za-z0-9]+)` \\| (`[^`]*`)? ?\\|");

    /** A command as a reader runs it: its words, the document and line it is on, and the code block it belongs to. */
    record Command(String doc, int line, List<String> words, int block) {

        String program() {
            return words.isEmpty() ? "" : words.getFirst();
        }

        boolean is(String... leading) {
            return words.size() >= leading.length
                    && words.subList(0, leading.length).equals(List.of(leading));
        }

        /** The values given to an option, as {@code --name value} or {@code --name=value}. */
        List<String> values(String... names) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                for (String name : names) {
                    if (words.get(i).equals(name) && i + 1 < words.size()) {
                        values.add(words.get(i + 1));
                    } else if (words.get(i).startsWith(name + "=")) {
                        values.add(words.get(i).substring(name.length() + 1));
                    }
                }
            }
            return values;
        }

        /** The word at {@code index} ({@code kn service create NAME}: 3), or an empty one. */
        String argument(int index) {
            return index < words.size() ? words.get(index) : "";
        }

        @Override
        public String toString() {
            return doc + ":" + line + ": " + String.join(" ", words);
        }
    }

    static Stream<String> docs() {
        return DOCS.keySet().stream().sorted();
    }

    // ---- the build: every image build turns the image profile on ----

    @Test
    void theImageIsBuiltOnlyWithTheImageProfile() throws Exception {
        Document pom = xml(POM);
        XPath xpath = XPathFactory.newInstance().newXPath();

        // Why every image build names -Pimage: without it, the image's files are not made and Jib skips.
        assertThat(xpath.evaluate("/project/properties/image.skip", pom)).isEqualTo("true");
        assertThat(xpath.evaluate("//profile[id='image']/properties/image.skip", pom))
                .isEqualTo("false");
        assertThat(xpath.evaluate("//plugin[artifactId='jib-maven-plugin']/configuration/skip", pom))
                .isEqualTo("${image.skip}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyImageBuildTurnsTheImageProfileOn(String doc) {
        assertThat(commands(doc).stream().flatMap(command -> mavenViolations(command, commands(doc)).stream()))
                .isEmpty();
    }

    // ---- files and links ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyFileACommandNamesExistsOrIsWhatTheBuildWrites(String doc) throws Exception {
        Set<String> outputs = buildOutputs();

        assertThat(commands(doc).stream().flatMap(command -> fileViolations(command, outputs).stream()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyLinkLeadsToAFileAndHeadingThatExist(String doc) {
        assertThat(linkViolations(doc, read(doc))).isEmpty();
    }

    // ---- Knative ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void knCommandsAgreeWithTheServicesTheyName(String doc) {
        assertThat(commands(doc).stream().flatMap(command -> knViolations(command).stream()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void kubectlCommandsNameTheServicesAndTheSecretsKeys(String doc) {
        assertThat(commands(doc).stream().flatMap(command -> kubectlViolations(command).stream()))
                .isEmpty();
    }

    @Test
    void theKnExampleCreatesSearchAsSearchYamlDoes() {
        // The example is there to be run; a drift from search.yaml is what this whole class is for.
        assertThat(commands("deploy/knative/README.md").stream()
                        .filter(command -> command.is("kn", "service", "create")))
                .singleElement()
                .satisfies(command -> assertThat(command.argument(3)).isEqualTo("search"));
    }

    // ---- OpenFaaS ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void faasCliCommandsNameTheStackItsFunctionsAndTheSecretsTheAppReads(String doc) {
        assertThat(commands(doc).stream().flatMap(command -> faasCliViolations(command, read(doc)).stream()))
                .isEmpty();
    }

    // ---- Lambda ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void samAndAwsCommandsNameTheTemplatesParametersResourcesAndOutputs(String doc) {
        assertThat(commands(doc).stream().flatMap(command -> samViolations(command).stream()))
                .isEmpty();
    }

    @Test
    void theParameterTableGivesEachParameterOfTheZipTemplateWithItsDefault() {
        String readme = read("deploy/lambda/README.md");
        JsonNode parameters = SamTemplatesTest.template(SamTemplatesTest.ZIP).path("Parameters");
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = PARAMETER_ROW.matcher(readme);
        while (row.find()) {
            rows.put(row.group(1), row.group(2) == null ? "" : row.group(2).replace("`", ""));
        }

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(parameters.propertyNames());
        rows.forEach((name, shown) -> assertThat(shown)
                .as(name)
                .isEqualTo(parameters.path(name).path("Default").asString("")));
    }

    // ---- the values the prose states ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void settingsQuotedInTheProseAreTheManifests(String doc) {
        assertThat(fragmentViolations(doc, read(doc))).isEmpty();
    }

    // ---- each check catches what it is for ----

    /** A README that gets everything the checks look at wrong. */
    static final String BROKEN_README = """
            See [the stack](stack.yaml) and [the keys](README.md#the-keys), with 256Mi and `timeoutSeconds: 60`.

            ```sh
            ./mvnw -B -DskipTests install
            ./mvnw -B -pl functions/app jib:build
            kn service create search --image registry.example.com/portafunc@sha256:<digest> --cluster-local \\
              --env PORTAFUNC_SEARCH_PROVIDR=local --request cpu=250m,memory=192Mi --concurrency-limit 50
            kn service update serch --traffic purple=100
            kubectl create secret generic portafunc-secret --from-literal=googel-api-key="$KEY"
            faas-cli deploy -f deploy/openfaas/stack.yaml --filter 'serch*' --secret bing-api-key \\
              --env PORTAFUNC_SEARCH_PROVIDR=brave
            faas-cli invoke serch
            sam deploy -t deploy/lambda/template.yaml --parameter-overrides SearchProvider=vertex,bing Bogus=1
            sam local invoke SerchFunction -e deploy/lambda/events/http.json -t deploy/lambda/template.yaml
            aws cloudformation describe-stack-resource --stack-name portafunc --logical-resource-id Search
            curl -s "$URL" --data-binary @deploy/knative/request.json -o functions/app/target/portafunc.zip
            ```
            """;

    @Test
    void aBrokenReadmeFailsEveryCheck() throws Exception {
        String doc = "deploy/knative/README.md";
        List<Command> broken = commands(doc, BROKEN_README);
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(broken.stream().flatMap(command -> mavenViolations(command, broken).stream()))
                .as("maven")
                .hasSize(3);
        softly.assertThat(broken.stream().flatMap(command -> fileViolations(command, buildOutputs()).stream()))
                .as("files")
                .hasSize(5);
        softly.assertThat(linkViolations(doc, BROKEN_README)).as("links").hasSize(2);
        softly.assertThat(broken.stream().flatMap(command -> knViolations(command).stream()))
                .as("kn")
                .hasSizeGreaterThanOrEqualTo(8);
        softly.assertThat(broken.stream().flatMap(command -> kubectlViolations(command).stream()))
                .as("kubectl")
                .hasSize(2);
        softly.assertThat(broken.stream().flatMap(command -> faasCliViolations(command, BROKEN_README).stream()))
                .as("faas-cli")
                .hasSize(5);
        softly.assertThat(broken.stream().flatMap(command -> samViolations(command).stream()))
                .as("sam")
                .hasSize(6);
        softly.assertThat(fragmentViolations(doc, BROKEN_README)).as("prose").hasSize(3);
        softly.assertAll();
    }

    // ---- the checks: each returns what is wrong ----

    static List<String> mavenViolations(Command command, List<Command> all) {
        if (!command.program().equals("./mvnw")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        boolean jib = command.words().stream().anyMatch(word -> word.startsWith("jib:"));
        boolean buildsTheImage = jib
                || all.stream()
                        .anyMatch(other -> other.block() == command.block()
                                && other.block() >= 0
                                && other.words().stream().anyMatch(word -> word.startsWith("jib:")));
        if (buildsTheImage && !command.words().contains("-Pimage")) {
            violations.add(command + ": an image build without -Pimage (Jib skips)");
        }
        if (command.words().contains("jib:build")
                && command.words().stream().noneMatch(word -> word.startsWith("-Djib.to.image="))) {
            violations.add(command + ": jib:build without -Djib.to.image=");
        }
        for (String module : command.values("-pl")) {
            if (!Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))) {
                violations.add(command + ": no module " + module);
            }
        }
        return violations;
    }

    static List<String> fileViolations(Command command, Set<String> outputs) {
        List<String> violations = new ArrayList<>();
        for (String word : command.words()) {
            if (command.block() >= 0 && PLACEHOLDER.matcher(word).find()) {
                violations.add(command + ": " + word + " is a placeholder the shell reads as a redirection");
            }
            Matcher path = REPO_PATH.matcher(word);
            while (path.find()) {
                String file = path.group(1).replaceFirst("/$", "");
                if (file.startsWith("functions/app/target/")) {
                    if (!outputs.contains(file.substring("functions/app/target/".length()))) {
                        violations.add(command + ": the build writes no " + file);
                    }
                } else if (!Files.exists(ROOT.resolve(file))) {
                    violations.add(command + ": no " + file);
                }
            }
        }
        return violations;
    }

    static List<String> linkViolations(String doc, String text) {
        List<String> violations = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue; // a URL, not a file of this repository
            }
            String[] parts = target.split("#", 2);
            Path file = parts[0].isEmpty()
                    ? ROOT.resolve(doc)
                    : ROOT.resolve(doc).getParent().resolve(parts[0]).normalize();
            if (!Files.exists(file)) {
                violations.add(doc + ": a link to " + target + ", which does not exist");
            } else if (parts.length == 2 && !anchors(file).contains(parts[1])) {
                violations.add(doc + ": a link to " + target + ", whose heading does not exist");
            }
        }
        return violations;
    }

    static List<String> knViolations(Command command) {
        if (!command.program().equals("kn")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        String name = command.argument(3);
        Map<String, JsonNode> services = knativeServices();
        if (command.is("kn", "service", "create") || command.is("kn", "service", "update")) {
            if (!services.containsKey(name)) {
                violations.add(command + ": no Knative Service " + name);
                return violations;
            }
            for (String env : command.values("--env", "-e")) {
                String variable = env.split("=", 2)[0];
                if (!knownVariables().contains(variable)) {
                    violations.add(command + ": " + variable + " is no setting the manifests or the app know");
                }
            }
            for (String tag : command.values("--traffic")) {
                if (!rolloutTags(name).contains(tag.split("=", 2)[0])) {
                    violations.add(command + ": no traffic tag " + tag.split("=", 2)[0] + " for " + name);
                }
            }
            for (String revision : command.values("--revision-name")) {
                if (!revision.startsWith(name + "-")) {
                    violations.add(command + ": revision " + revision + " lacks the prefix " + name + "-");
                }
            }
        }
        if (command.is("kn", "service", "create")) {
            violations.addAll(knCreateViolations(command, services.get(name)));
        }
        return violations;
    }

    /** A {@code kn service create} against the Service's manifest: each flag says what the YAML says. */
    static List<String> knCreateViolations(Command command, JsonNode service) {
        JsonNode spec = DeployManifestsTest.template(service).path("spec");
        JsonNode annotations =
                DeployManifestsTest.template(service).path("metadata").path("annotations");
        JsonNode container = DeployManifestsTest.container(service);
        Map<String, String> env = DeployManifestsTest.env(container);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(
                "--scale-min",
                annotations.path("autoscaling.knative.dev/min-scale").asString(""));
        expected.put(
                "--scale-max",
                annotations.path("autoscaling.knative.dev/max-scale").asString(""));
        expected.put(
                "--scale-target",
                annotations.path("autoscaling.knative.dev/target").asString(""));
        expected.put("--concurrency-limit", spec.path("containerConcurrency").asString(""));
        expected.put("--timeout", spec.path("timeoutSeconds").asString(""));
        expected.put("--request", resources(container.path("resources").path("requests")));
        expected.put("--limit", resources(container.path("resources").path("limits")));
        JsonNode port = container.path("ports").path(0);
        expected.put(
                "--port",
                port.path("name").asString("") + ":"
                        + port.path("containerPort").asString(""));
        expected.put(
                "--probe-readiness",
                "http::" + port.path("containerPort").asString("") + ":"
                        + container.at("/readinessProbe/httpGet/path").asString(""));
        expected.put(
                "--probe-liveness",
                "http::" + port.path("containerPort").asString("") + ":"
                        + container.at("/livenessProbe/httpGet/path").asString(""));
        expected.put("--security-context", "strict");
        expected.put("--mount", "/tmp=ed:tmp");

        List<String> violations = new ArrayList<>();
        expected.forEach((flag, value) -> {
            if (!command.values(flag).equals(List.of(value))) {
                violations.add(command + ": " + flag + " " + command.values(flag) + ", the manifest says " + value);
            }
        });
        boolean clusterLocal = "cluster-local"
                .equals(service.at("/metadata/labels")
                        .path(DeployManifestsTest.VISIBILITY)
                        .asString(""));
        if (command.words().contains("--cluster-local") != clusterLocal) {
            violations.add(command + ": --cluster-local, the manifest's visibility label says " + clusterLocal);
        }
        for (String image : command.values("--image")) {
            // Pinned by digest: as written, or as Jib wrote it.
            if (!image.contains("@sha256:") && !image.endsWith("@$(cat functions/app/target/jib-image.digest)")) {
                violations.add(command + ": image " + image + " is not pinned by digest");
            }
        }
        for (String variable : command.values("--env", "-e")) {
            String[] pair = variable.split("=", 2);
            if (!env.containsKey(pair[0]) || !env.get(pair[0]).equals(pair.length > 1 ? pair[1] : "")) {
                violations.add(
                        command + ": --env " + variable + ", the manifest sets " + pair[0] + "=" + env.get(pair[0]));
            }
        }
        Set<String> known = new TreeSet<>(expected.keySet());
        known.addAll(Set.of("--image", "--env", "-e", "--cluster-local"));
        for (String word : command.words()) {
            if (word.startsWith("-") && !known.contains(word.split("=", 2)[0])) {
                violations.add(command + ": " + word + " is not held to the manifest; add it to this check");
            }
        }
        return violations;
    }

    static List<String> kubectlViolations(Command command) {
        if (!command.program().equals("kubectl")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        if (command.is("kubectl", "create", "secret", "generic")) {
            String secret = command.argument(4);
            JsonNode volume = DeployManifestsTest.volumeMountedAt(
                    DeployManifestsTest.service("search.yaml"), DeployManifestsTest.KUBERNETES_SECRETS);
            if (!secret.equals(volume.at("/secret/secretName").asString(""))) {
                violations.add(command + ": no Service mounts a Secret " + secret);
            }
            List<String> keys = DeployManifestsTest.strings(volume.at("/secret/items"), "key");
            for (String literal : command.values("--from-literal")) {
                if (!keys.contains(literal.split("=", 2)[0])) {
                    violations.add(command + ": the Services mount no key " + literal.split("=", 2)[0]);
                }
            }
        }
        if ((command.is("kubectl", "get", "ksvc") || command.is("kubectl", "label", "ksvc"))
                && !command.argument(3).isEmpty()
                && !command.argument(3).startsWith("-")
                && !knativeServices().containsKey(command.argument(3))) {
            violations.add(command + ": no Knative Service " + command.argument(3));
        }
        return violations;
    }

    static List<String> faasCliViolations(Command command, String text) {
        if (!command.program().equals("faas-cli")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> functions =
                DeployManifestsTest.functions(DeployManifestsTest.read(DeployManifestsTest.STACK));
        Set<String> secrets = new TreeSet<>(DeployManifestsTest.appSecretFiles());
        Matcher mounted = Pattern.compile("/var/openfaas/secrets/([a-z0-9-]+)").matcher(text);
        while (mounted.find()) {
            secrets.add(mounted.group(1)); // a file the document points the app at, as GOOGLE_APPLICATION_CREDENTIALS
        }
        if (command.is("faas-cli", "deploy")) {
            for (String file : command.values("-f", "--yaml")) {
                if (!ROOT.resolve(file)
                        .normalize()
                        .equals(ROOT.resolve("deploy/openfaas/stack.yml").normalize())) {
                    violations.add(command + ": " + file + " is not the stack file");
                }
            }
            for (String filter : command.values("--filter")) {
                var glob = FileSystems.getDefault().getPathMatcher("glob:" + filter);
                if (functions.keySet().stream().noneMatch(name -> glob.matches(Path.of(name)))) {
                    violations.add(command + ": --filter " + filter + " matches no function of the stack");
                }
            }
            for (String secret : command.values("--secret")) {
                if (!secrets.contains(secret)) {
                    violations.add(command + ": the app reads no secret " + secret);
                }
            }
            for (String env : command.values("--env", "-e")) {
                if (!knownVariables().contains(env.split("=", 2)[0])) {
                    violations.add(
                            command + ": " + env.split("=", 2)[0] + " is no setting the manifests or the app know");
                }
            }
        }
        if (command.is("faas-cli", "secret", "create") && !secrets.contains(command.argument(3))) {
            violations.add(command + ": the app reads no secret " + command.argument(3));
        }
        if (command.is("faas-cli", "invoke") && !functions.containsKey(command.argument(2))) {
            violations.add(command + ": no function " + command.argument(2) + " in the stack");
        }
        return violations;
    }

    static List<String> samViolations(Command command) {
        List<String> violations = new ArrayList<>();
        if (command.is("sam", "deploy") || command.is("sam", "local", "invoke")) {
            List<String> files = command.values("-t", "--template", "--template-file");
            if (files.size() != 1 || !Files.isRegularFile(ROOT.resolve(files.getFirst()))) {
                violations.add(command + ": no template named, or " + files + " does not exist");
                return violations;
            }
            String template = Path.of(files.getFirst()).getFileName().toString();
            JsonNode parsed = SamTemplatesTest.template(template);
            Map<String, String> overrides = overrides(command);
            overrides.keySet().stream()
                    .filter(name -> !parsed.path("Parameters").has(name))
                    .forEach(name -> violations.add(command + ": " + template + " has no parameter " + name));
            Map<String, String> literal = new LinkedHashMap<>();
            Map<String, String> filled = new LinkedHashMap<>();
            overrides.forEach((name, value) -> {
                if (parsed.path("Parameters").has(name)) {
                    if (!value.contains("$")) {
                        literal.put(name, value);
                    }
                    // A value read from the shell stands for a real one: the rules only ask whether it is empty.
                    filled.put(name, value.contains("$") ? "set" : value);
                }
            });
            SamTemplatesTest.stack(template, literal).parameterViolations().stream()
                    .filter(literal::containsKey)
                    .forEach(name ->
                            violations.add(command + ": " + template + " refuses " + name + "=" + literal.get(name)));
            if (command.is("sam", "deploy") && !overrides.isEmpty()) {
                SamTemplatesTest.stack(template, filled).ruleViolations().stream()
                        .filter(rule -> !rule.contains("ImageUri"))
                        .forEach(rule -> violations.add(command + ": the deploy would be refused: " + rule));
            }
            if (command.is("sam", "local", "invoke")
                    && !SamTemplatesTest.functions(parsed).containsKey(command.argument(3))) {
                violations.add(command + ": " + template + " has no function " + command.argument(3));
            }
        }
        if (command.program().equals("aws")) {
            JsonNode zip = SamTemplatesTest.template(SamTemplatesTest.ZIP);
            for (String resource : command.values("--logical-resource-id")) {
                if (!zip.path("Resources").has(resource)) {
                    violations.add(command + ": the templates have no resource " + resource);
                }
            }
            Matcher output = Pattern.compile("OutputKey=='([A-Za-z]+)'").matcher(String.join(" ", command.words()));
            while (output.find()) {
                if (!zip.path("Outputs").has(output.group(1))) {
                    violations.add(command + ": the templates have no output " + output.group(1));
                }
            }
            for (String qualifier : command.values("--qualifier")) {
                if (!qualifier.equals(
                        SamTemplatesTest.globals(zip).path("AutoPublishAlias").asString(""))) {
                    violations.add(command + ": no alias " + qualifier);
                }
            }
        }
        return violations;
    }

    /**
     * Each {@code `key: value`} the prose quotes is a setting of the platform's manifests, and each amount of memory
     * it states ({@code 384Mi}) is one they set.
     */
    static List<String> fragmentViolations(String doc, String text) {
        Platform platform = DOCS.get(doc);
        if (platform == Platform.ALL) {
            return List.of();
        }
        List<JsonNode> manifests = manifests(platform);
        List<String> violations = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            Matcher fragment = FRAGMENT.matcher(span.group(1));
            if (fragment.matches()) {
                String key = fragment.group(1);
                String value = fragment.group(2).replaceAll("^\"|\"$", "");
                // Only a key the manifests have: `Content-Type: text/plain` in the prose is a header, not a setting.
                // And a value, not a pattern such as `image: <name>@sha256:…`.
                boolean setting =
                        !value.matches(".*[<…].*") && manifests.stream().anyMatch(manifest -> hasKey(manifest, key));
                if (setting && manifests.stream().noneMatch(manifest -> holds(manifest, key, value))) {
                    violations.add(doc + ": `" + span.group(1) + "` is in no manifest of the platform");
                }
            }
        }
        Set<String> memories = new TreeSet<>();
        manifests.forEach(manifest -> collect(manifest, "memory", memories));
        Matcher memory = MEBIBYTES.matcher(text);
        while (memory.find()) {
            if (!memories.contains(memory.group(1))) {
                violations.add(doc + ": " + memory.group(1) + ", where the manifests set " + memories);
            }
        }
        return violations;
    }

    // ---- reading the documents ----

    static String read(String doc) {
        try {
            return Files.readString(ROOT.resolve(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Command> commands(String doc) {
        return commands(doc, read(doc));
    }

    /**
     * The commands of a document: each line of a shell code block, continued lines joined, split at pipes, {@code &&}
     * and {@code ;}, and a command substitution assigned to a variable taken as its own command; and each code span of
     * the prose that starts with one of the {@link #TOOLS}.
     */
    static List<Command> commands(String doc, String text) {
        List<Command> commands = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        int block = 0;
        List<int[]> fenced = new ArrayList<>();
        while (fence.find()) {
            fenced.add(new int[] {fence.start(), fence.end()});
            if (!Set.of("sh", "bash", "shell").contains(fence.group(1))) {
                continue;
            }
            int line = lineOf(text, fence.start(2));
            StringBuilder logical = new StringBuilder();
            int start = line;
            for (String raw : fence.group(2).split("\n", -1)) {
                if (logical.isEmpty()) {
                    start = line;
                }
                line++;
                if (raw.strip().startsWith("#") && logical.isEmpty()) {
                    continue;
                }
                if (raw.endsWith("\\")) {
                    logical.append(raw, 0, raw.length() - 1).append(' ');
                    continue;
                }
                logical.append(raw);
                for (String part : split(logical.toString())) {
                    addCommand(commands, doc, start, part, block);
                }
                logical.setLength(0);
            }
            block++;
        }
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            int at = span.start();
            boolean inFence = fenced.stream().anyMatch(range -> at >= range[0] && at < range[1]);
            List<String> words = words(span.group(1));
            // A program and its subcommand alone (`sam deploy`, `kubectl get ksvc`) is the prose naming a command.
            boolean mention = words.size() < 4 || words.get(words.size() - 1).startsWith("-");
            if (!inFence && !mention && TOOLS.contains(words.getFirst())) {
                commands.add(new Command(doc, lineOf(text, at), words, -1));
            }
        }
        return commands;
    }

    static void addCommand(List<Command> commands, String doc, int line, String text, int block) {
        String command = text.strip();
        Matcher substitution = Pattern.compile("^[A-Z_]+=\"?\\$\\((.*)\\)\"?$").matcher(command);
        if (substitution.matches()) {
            command = substitution.group(1);
        }
        command = command.replaceFirst("\\s*&$", "");
        List<String> words = words(command);
        if (!words.isEmpty() && !words.getFirst().equals("eval")) {
            commands.add(new Command(doc, line, words, block));
        }
    }

    /** A line split at unquoted {@code |}, {@code &&} and {@code ;}. */
    static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == '|' || c == ';' || (c == '&' && line.startsWith("&&", i)))) {
                parts.add(part.toString());
                part.setLength(0);
                if (c == '&') {
                    i++;
                }
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /**
     * Shell words: split at unquoted blanks, quotes removed, {@code $VARIABLES} and {@code $(substitutions)} kept as
     * written.
     */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int substitution = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '$' && command.startsWith("$(", i)) {
                substitution++;
                word.append("$(");
                inWord = true;
                i++;
            } else if (substitution > 0) {
                if (c == ')') {
                    substitution--;
                }
                word.append(c);
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    static Set<String> anchors(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("#"))
                    .map(line -> line.replaceFirst("^#+\\s*", "")
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} _-]", "")
                            .replace(' ', '-'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sam deploy --parameter-overrides K=V ...}: every word after the option up to the next option. */
    static Map<String, String> overrides(Command command) {
        Map<String, String> overrides = new LinkedHashMap<>();
        int at = command.words().indexOf("--parameter-overrides");
        if (at < 0) {
            return overrides;
        }
        for (String word : command.words().subList(at + 1, command.words().size())) {
            if (word.startsWith("--")) {
                break;
            }
            String[] pair = word.split("=", 2);
            overrides.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        return overrides;
    }

    // ---- what the build and the manifests have ----

    /** What the build writes to functions/app/target that a command may read: the zip, Jib's tar and digest. */
    static Set<String> buildOutputs() {
        try {
            Document pom = xml(POM);
            Document assembly = xml(ASSEMBLY);
            XPath xpath = XPathFactory.newInstance().newXPath();
            String zip = xpath.evaluate(
                            "//plugin[artifactId='maven-assembly-plugin']//execution[id='lambda-zip']//finalName", pom)
                    + "-" + xpath.evaluate("/assembly/id", assembly) + "."
                    + xpath.evaluate("/assembly/formats/format", assembly);
            String tar = Path.of(xpath.evaluate("//plugin[artifactId='jib-maven-plugin']//outputPaths/tar", pom))
                    .getFileName()
                    .toString();
            String digest = xpath.evaluate("//plugin[artifactId='jib-maven-plugin']//outputPaths/digest", pom);
            // Jib writes the digest to target/jib-image.digest unless outputPaths says otherwise.
            return Set.of(
                    zip,
                    tar,
                    digest.isEmpty()
                            ? "jib-image.digest"
                            : Path.of(digest).getFileName().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, JsonNode> knativeServices() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        for (String file : List.of("search.yaml", "manipulate.yaml", "search-manipulate.yaml")) {
            JsonNode service = DeployManifestsTest.service(file);
            services.put(service.path("metadata").path("name").asString(""), service);
        }
        return services;
    }

    static Set<String> rolloutTags(String service) {
        Set<String> tags = new TreeSet<>();
        DeployManifestsTest.knativeServices()
                .map(DeployManifestsTest::service)
                .filter(manifest ->
                        manifest.path("metadata").path("name").asString("").equals(service))
                .forEach(manifest -> manifest.path("spec").path("traffic").forEach(target -> {
                    if (target.has("tag")) {
                        tags.add(target.path("tag").asString(""));
                    }
                }));
        return tags;
    }

    /**
     * The settings a command may pass: every variable a manifest sets, on any platform, and every property of the
     * app's application.properties in its environment form.
     */
    static Set<String> knownVariables() {
        Set<String> variables = new TreeSet<>();
        knativeServices()
                .values()
                .forEach(service -> variables.addAll(DeployManifestsTest.env(DeployManifestsTest.container(service))
                        .keySet()));
        DeployManifestsTest.functions(DeployManifestsTest.read(DeployManifestsTest.STACK))
                .values()
                .forEach(function ->
                        variables.addAll(function.path("environment").propertyNames()));
        for (String template : List.of(SamTemplatesTest.ZIP, SamTemplatesTest.IMAGE)) {
            JsonNode parsed = SamTemplatesTest.template(template);
            variables.addAll(SamTemplatesTest.globals(parsed)
                    .at("/Environment/Variables")
                    .propertyNames());
            SamTemplatesTest.functions(parsed)
                    .values()
                    .forEach(function -> variables.addAll(
                            function.at("/Properties/Environment/Variables").propertyNames()));
        }
        DeployManifestsTest.appProperties().keySet().stream()
                .filter(key -> !key.contains("["))
                .map(key -> key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT))
                .forEach(variables::add);
        return variables;
    }

    static List<JsonNode> manifests(Platform platform) {
        return switch (platform) {
            case KNATIVE ->
                DeployManifestsTest.knativeServices()
                        .map(DeployManifestsTest::service)
                        .toList();
            case OPENFAAS -> List.of(DeployManifestsTest.read(DeployManifestsTest.STACK));
            case LAMBDA ->
                List.of(
                        SamTemplatesTest.template(SamTemplatesTest.ZIP),
                        SamTemplatesTest.template(SamTemplatesTest.IMAGE));
            case ALL -> List.of();
        };
    }

    /** Whether a node, anywhere in the tree, has the key (or a key ending in "/key") with that scalar value. */
    static boolean holds(JsonNode node, String key, String value) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                boolean named = field.getKey().equals(key) || field.getKey().endsWith("/" + key);
                if (named
                        && field.getValue().isValueNode()
                        && field.getValue().asString("").equals(value)) {
                    return true;
                }
                if (holds(field.getValue(), key, value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (holds(item, key, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasKey(JsonNode node, String key) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().equals(key) || field.getKey().endsWith("/" + key) || hasKey(field.getValue(), key)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasKey(item, key)) {
                    return true;
                }
            }
        }
        return false;
    }

    static void collect(JsonNode node, String key, Set<String> values) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals(key) && field.getValue().isValueNode()) {
                    values.add(field.getValue().asString(""));
                }
                collect(field.getValue(), key, values);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, key, values));
        }
    }

    static String resources(JsonNode resources) {
        List<String> pairs = new ArrayList<>();
        resources
                .properties()
                .forEach(entry ->
                        pairs.add(entry.getKey() + "=" + entry.getValue().asString("")));
        return String.join(",", pairs);
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
