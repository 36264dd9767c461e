package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.crac.Core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * Secret references are read again once older than {@code portafunc.secrets.refresh}, and after a SnapStart restore;
 * a read that fails keeps the value read before. The AWS Parameters and Secrets extension is WireMock here.
 */
class SecretRefreshTest {

    static final String SETTING = "portafunc.search.google.api-key";

    @RegisterExtension
    static WireMockExtension extension = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final AtomicLong nanos = new AtomicLong(1_000);

    void secret(String value) {
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withBody("{\"SecretString\":\"" + value + "\"}")));
    }

    MockEnvironment lambda(String name, String value) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.getPort()))
                .withProperty("AWS_SESSION_TOKEN", "session-token")
                .withProperty(name, value);
        new SecretReferences().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    SecretRefresh refresh(MockEnvironment environment, Duration every) {
        return new SecretRefresh(environment, new SecretsProperties(every), nanos::get);
    }

    int reads() {
        return extension
                .findAll(getRequestedFor(urlPathEqualTo("/secretsmanager/get")))
                .size();
    }

    @Test
    void aRotatedSecretIsReadAgainOnceOlderThanTheRefresh() {
        secret("AIza-first");
        SecretRefresh refresh = refresh(lambda(SETTING, "aws-secretsmanager:portafunc/google"), Duration.ofMinutes(15));
        Supplier<String> key = refresh.current(SETTING, "AIza-first");

        secret("AIza-rotated");
        assertThat(key.get()).isEqualTo("AIza-first");
        nanos.addAndGet(Duration.ofMinutes(14).toNanos());
        assertThat(key.get()).isEqualTo("AIza-first");
        assertThat(reads()).as("read at start only").isEqualTo(1);

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(key.get()).isEqualTo("AIza-rotated");
        assertThat(key.get()).isEqualTo("AIza-rotated");
        assertThat(reads()).isEqualTo(2);
    }

    @Test
    void aSettingWrittenAsAnEnvironmentVariableIsTheSameSetting() {
        secret("AIza-env");
        SecretRefresh refresh = refresh(
                lambda("PORTAFUNC_SEARCH_GOOGLE_API_KEY", "aws-secretsmanager:portafunc/google"),
                Duration.ofMinutes(15));

        assertThat(refresh.current(SETTING, "bound").get()).isEqualTo("AIza-env");
    }

    @Test
    void aSettingThatIsNoReferenceKeepsItsBoundValue() {
        SecretRefresh refresh = refresh(lambda(SETTING, "AIza-plain"), Duration.ofMinutes(15));
        nanos.addAndGet(Duration.ofHours(1).toNanos());

        assertThat(refresh.current(SETTING, "AIza-plain").get()).isEqualTo("AIza-plain");
        assertThat(refresh.current("portafunc.search.brave.api-key", null).get())
                .isNull();
        assertThat(reads()).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aReadThatFailsKeepsTheValueReadBeforeAndTriesAgainAMinuteLater(CapturedOutput output) {
        secret("AIza-kept-secret");
        SecretRefresh refresh = refresh(lambda(SETTING, "aws-secretsmanager:portafunc/google"), Duration.ofMinutes(15));
        Supplier<String> key = refresh.current(SETTING, null);
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withStatus(500)));

        nanos.addAndGet(Duration.ofMinutes(15).toNanos());
        assertThat(key.get()).isEqualTo("AIza-kept-secret");
        secret("AIza-next");
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(key.get()).isEqualTo("AIza-kept-secret");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(key.get()).isEqualTo("AIza-next");

        assertThat(output.getAll())
                .contains("Could not resolve the secret reference in " + SETTING, "HTTP 500", "kept")
                .doesNotContain("AIza-kept-secret");
    }

    @Test
    void afterASnapStartRestoreTheSecretsAreReadAgain() throws Exception {
        secret("AIza-in-the-snapshot");
        SecretRefresh refresh = refresh(lambda(SETTING, "aws-secretsmanager:portafunc/google"), Duration.ZERO);
        Supplier<String> key = refresh.current(SETTING, null);
        secret("AIza-after-restore");
        nanos.addAndGet(Duration.ofDays(3).toNanos());
        assertThat(key.get()).as("no refresh on a timer when it is 0").isEqualTo("AIza-in-the-snapshot");

        refresh.beforeCheckpoint(Core.getGlobalContext());
        refresh.afterRestore(Core.getGlobalContext());

        assertThat(key.get()).isEqualTo("AIza-after-restore");
    }
}
