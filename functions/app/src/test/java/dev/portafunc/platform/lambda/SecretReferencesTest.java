package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Secret references resolved at start through the AWS Parameters and Secrets Lambda Extension (WireMock here). */
class SecretReferencesTest {

    @RegisterExtension
    static WireMockExtension extension = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    MockEnvironment lambda(String reference) {
        return new MockEnvironment()
                .withProperty("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.getPort()))
                .withProperty("AWS_SESSION_TOKEN", "session-token")
                .withProperty("portafunc.search.google.api-key", reference);
    }

    void resolve(MockEnvironment environment) {
        new SecretReferences().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void aSecretsManagerReferenceIsReplacedByTheSecret() {
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withBody("{\"Name\":\"portafunc/google\",\"SecretString\":\"AIza-from-sm\"}")));
        MockEnvironment environment = lambda("aws-secretsmanager:portafunc/google");

        resolve(environment);

        assertThat(environment.getProperty("portafunc.search.google.api-key")).isEqualTo("AIza-from-sm");
        extension.verify(getRequestedFor(urlPathEqualTo("/secretsmanager/get"))
                .withQueryParam("secretId", equalTo("portafunc/google"))
                .withHeader("X-Aws-Parameters-Secrets-Token", equalTo("session-token")));
    }

    @Test
    void aParameterStoreReferenceIsReplacedByTheDecryptedValue() {
        extension.stubFor(get(urlPathEqualTo("/systemsmanager/parameters/get"))
                .willReturn(aResponse()
                        .withBody("{\"Parameter\":{\"Name\":\"/portafunc/key\",\"Value\":\"AIza-from-ssm\"}}")));
        MockEnvironment environment = lambda("aws-ssm:/portafunc/key");

        resolve(environment);

        assertThat(environment.getProperty("portafunc.search.google.api-key")).isEqualTo("AIza-from-ssm");
        extension.verify(getRequestedFor(urlPathEqualTo("/systemsmanager/parameters/get"))
                .withQueryParam("name", equalTo("/portafunc/key"))
                .withQueryParam("withDecryption", equalTo("true")));
    }

    @Test
    void plainValuesAreLeftAlone() {
        MockEnvironment environment = lambda("AIza-plain");

        resolve(environment);

        assertThat(environment.getProperty("portafunc.search.google.api-key")).isEqualTo("AIza-plain");
        assertThat(extension.getAllServeEvents()).isEmpty();
    }

    @Test
    void aReferenceThatCannotBeResolvedStopsTheStartNamingTheSettingOnly() {
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withStatus(400)));

        assertThatThrownBy(() -> resolve(lambda("aws-secretsmanager:portafunc/missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("portafunc.search.google.api-key")
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void aReferenceOutsideLambdaSaysWhy() {
        MockEnvironment environment = lambda("aws-secretsmanager:x");
        environment.setProperty("AWS_SESSION_TOKEN", "");

        assertThatThrownBy(() -> resolve(environment)).hasMessageContaining("AWS_SESSION_TOKEN");
    }

    @Test
    void aReferenceInAnEnvironmentVariableBindsAsItsSecret() {
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withBody("{\"SecretString\":\"AIza-from-env-reference\"}")));
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "PORTAFUNC_SEARCH_GOOGLE_API_KEY", "aws-secretsmanager:portafunc/google",
                                        "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.getPort()),
                                        "AWS_SESSION_TOKEN", "session-token")));
        ConfigurationPropertySources.attach(environment);

        new SecretReferences().postProcessEnvironment(environment, new SpringApplication());

        assertThat(Binder.get(environment)
                        .bind("portafunc.search.google.api-key", String.class)
                        .get())
                .isEqualTo("AIza-from-env-reference");
    }
}
