package dev.portafunc.platform.checkpoint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.PortafuncApplication;
import dev.portafunc.platform.cloudevents.CloudEvents;
import dev.portafunc.platform.cloudevents.CloudEvents.Event;
import dev.portafunc.platform.cloudevents.CloudEvents.Mode;
import dev.portafunc.platform.edge.Answer;
import dev.portafunc.search.SearchFunction;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.testing.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hooks the application registers through {@code org.crac}, run as Lambda runs them around a SnapStart snapshot
 * (the function initialised with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, a Brave key given as a secret
 * reference): before the checkpoint the functions are primed without a call to Brave, and nothing time-bound or random
 * is left to the copies (the search cache, the CloudEvents replies and their ids, the upstream clients); after the
 * restore the secret is read again, so a key rotated since the snapshot is the one sent. Brave and the AWS Parameters
 * and Secrets extension are WireMock.
 */
class CheckpointHooksTest {

    @RegisterExtension
    static WireMockExtension brave = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension extension = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    void braveKey(String key) {
        extension.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .willReturn(aResponse().withBody("{\"SecretString\":\"" + key + "\"}")));
    }

    ConfigurableApplicationContext snapStartInit() {
        return PortafuncApplication.application()
                .run(
                        "--AWS_LAMBDA_FUNCTION_NAME=portafunc-checkpoint-test",
                        "--AWS_LAMBDA_INITIALIZATION_TYPE=snap-start",
                        "--AWS_SESSION_TOKEN=session-token",
                        "--PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=" + extension.getPort(),
                        "--spring.cloud.function.definition=search",
                        "--portafunc.search.provider=brave",
                        "--portafunc.search.brave.api-key=aws-secretsmanager:portafunc/brave",
                        "--portafunc.search.brave.root-url=" + brave.baseUrl());
    }

    @Test
    void theRegisteredHooksPrimeThenLeaveNothingTimeBoundAndReadTheSecretAgainAfterTheRestore() throws Exception {
        braveKey("brave-key-in-the-snapshot");
        brave.stubFor(get(urlPathEqualTo("/res/v1/web/search"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("brave/search-page-of-10.json"))));
        try (ConfigurableApplicationContext context = snapStartInit()) {
            RecordingContext crac = new RecordingContext();
            context.getBean(CheckpointHooks.class).register(crac);
            SearchFunction search = context.getBean(SearchFunction.class);
            CloudEvents cloudEvents = context.getBean(CloudEvents.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            AtomicInteger invocations = new AtomicInteger();
            Event event = new Event(Mode.BINARY, "/src", "event-1", new byte[0], "application/json");
            Supplier<Answer> answer = () -> {
                invocations.incrementAndGet();
                return new Answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), "search", null, null);
            };

            search.apply(SearchRequest.of("before the snapshot"));
            search.apply(SearchRequest.of("before the snapshot"));
            String idBefore =
                    cloudEvents.reply(event, "search", null, answer).headers().get("ce-id");
            braveKey("brave-key-rotated");

            assertThat(crac.resources()).as("one resource, registered").hasSize(1);
            crac.checkpoint();

            assertThat(meters.find("portafunc.lambda.invocations")
                            .tag("function", "manipulate")
                            .timer())
                    .as("primed through the Lambda edge")
                    .isNotNull();
            brave.verify(1, getRequestedFor(urlPathEqualTo("/res/v1/web/search")));

            crac.restore();

            search.apply(SearchRequest.of("before the snapshot"));
            brave.verify(
                    2,
                    getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
                            .withQueryParam("q", equalTo("before the snapshot")));
            brave.verify(
                    1,
                    getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
                            .withHeader("X-Subscription-Token", equalTo("brave-key-in-the-snapshot")));
            brave.verify(
                    1,
                    getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
                            .withHeader("X-Subscription-Token", equalTo("brave-key-rotated")));
            String idAfter =
                    cloudEvents.reply(event, "search", null, answer).headers().get("ce-id");
            assertThat(invocations)
                    .as("the reply remembered before the snapshot is forgotten")
                    .hasValue(2);
            assertThat(idAfter).isNotEqualTo(idBefore);
        }
    }
}
