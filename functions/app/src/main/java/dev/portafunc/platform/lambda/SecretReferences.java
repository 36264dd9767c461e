package dev.portafunc.platform.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves secret references at start: a {@code portafunc.*} setting whose value is {@code aws-secretsmanager:ID} or
 * {@code aws-ssm:NAME} (for example {@code PORTAFUNC_SEARCH_GOOGLE_API_KEY=aws-secretsmanager:portafunc/google})
 * is replaced by the secret, fetched through the AWS Parameters and Secrets Lambda Extension on {@code localhost:2773},
 * authenticated with the function's own session token. The secret never appears in the function's configuration, and
 * no AWS SDK is loaded. A reference that cannot be resolved stops the start, saying which setting, never the value.
 *
 * <p>The secrets go in a property source of their own ({@link Resolved}), which keeps the references: {@link
 * SecretRefresh} reads them again once they are old, and after a SnapStart restore.
 */
class SecretReferences implements EnvironmentPostProcessor, Ordered {

    static final String SECRETS_MANAGER = "aws-secretsmanager:";
    static final String PARAMETER_STORE = "aws-ssm:";

    /**
     * The resolved secrets, by the names their references were found under ({@code portafunc.search.google.api-key}
     * or {@code PORTAFUNC_SEARCH_GOOGLE_API_KEY}). Named as Spring Boot names an environment's variables, so that the
     * variable form binds as a variable does; the values change when they are read again.
     */
    static final class Resolved extends SystemEnvironmentPropertySource {

        static final String NAME =
                "portafunc-secret-references-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

        private final Map<String, String> references;

        Resolved(Map<String, String> references, Map<String, Object> values) {
            super(NAME, new ConcurrentHashMap<>(values));
            this.references = Map.copyOf(references);
        }

        /** The references, by setting name. */
        Map<String, String> references() {
            return references;
        }

        void put(String name, String value) {
            getSource().put(name, value);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> references = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (isPortafuncSetting(name) && !references.containsKey(name)) {
                        String value = environment.getProperty(name);
                        if (isReference(value)) {
                            references.put(name, value);
                        }
                    }
                }
            }
        }
        if (references.isEmpty()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        references.forEach((name, reference) -> values.put(name, resolve(name, reference, environment)));
        environment.getPropertySources().addFirst(new Resolved(references, values));
    }

    static boolean isReference(String value) {
        return value != null && (value.startsWith(SECRETS_MANAGER) || value.startsWith(PARAMETER_STORE));
    }

    private static boolean isPortafuncSetting(String name) {
        return name.startsWith("portafunc.") || name.startsWith("PORTAFUNC_");
    }

    /** The secret a reference names, read now from the extension; fails saying which setting, never the value. */
    static String resolve(String name, String reference, PropertyResolver environment) {
        String port = environment.getProperty("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773");
        String token = environment.getProperty("AWS_SESSION_TOKEN");
        boolean secret = reference.startsWith(SECRETS_MANAGER);
        String id = reference.substring(secret ? SECRETS_MANAGER.length() : PARAMETER_STORE.length());
        String path = secret
                ? "/secretsmanager/get?secretId=" + encode(id)
                : "/systemsmanager/parameters/get?withDecryption=true&name=" + encode(id);
        if (token == null || token.isBlank()) {
            throw failure(name, "AWS_SESSION_TOKEN is not set (secret references resolve on AWS Lambda only)");
        }
        // A client for this read only, closed with its connection: none is left open in a SnapStart snapshot.
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .header("X-Aws-Parameters-Secrets-Token", token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw failure(name, "the Parameters and Secrets extension answered HTTP " + response.statusCode());
            }
            JsonNode body = JsonMapper.shared().readTree(response.body());
            JsonNode value =
                    secret ? body.get("SecretString") : body.path("Parameter").get("Value");
            if (value == null || !value.isString() || value.asString().isBlank()) {
                throw failure(name, "the secret has no string value");
            }
            return value.asString().strip();
        } catch (IOException e) {
            throw failure(name, "the Parameters and Secrets extension could not be reached on port " + port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(name, "interrupted");
        }
    }

    private static IllegalStateException failure(String name, String why) {
        return new IllegalStateException("Could not resolve the secret reference in " + name + ": " + why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public int getOrder() {
        // After the configuration files and mounted secrets are read.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
