package dev.portafunc.platform.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.platform.cloudevents.CloudEvents.Event;
import dev.portafunc.platform.cloudevents.CloudEvents.Mode;
import dev.portafunc.platform.cloudevents.CloudEvents.Reply;
import dev.portafunc.platform.edge.Answer;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.search.SearchResults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.crac.Core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event delivered again within the window is answered with the reply it got, without another invocation; only
 * replies Knative Eventing will not retry are remembered.
 */
class DuplicateEventsTest {

    static final JsonMapper JSON = JsonMapper.shared();
    static final byte[] QUERY = "{\"query\":\"knative\"}".getBytes(StandardCharsets.UTF_8);

    final AtomicLong nanos = new AtomicLong();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicInteger invocations = new AtomicInteger();

    CloudEvents cloudEvents(Duration window, int maximumSize) {
        return new CloudEvents(
                new CloudEventsProperties(
                        "dev.portafunc",
                        "urn:portafunc:function:search",
                        new CloudEventsProperties.Duplicates(window, maximumSize)),
                JSON,
                meters,
                nanos::get);
    }

    CloudEvents cloudEvents() {
        return cloudEvents(Duration.ofMinutes(10), 1000);
    }

    static Event binary(String source, String id) {
        return new Event(Mode.BINARY, source, id, QUERY, "application/json");
    }

    Supplier<Answer> answering(int status) {
        return () -> {
            invocations.incrementAndGet();
            if (status == 200) {
                SearchResults results = new SearchResults("knative", "local", 0L, 1L, List.of(), null);
                return new Answer(200, "application/json", JSON.writeValueAsBytes(results), "search", results, null);
            }
            ProblemType type = switch (status) {
                case 400 -> ProblemType.INVALID_INPUT;
                case 404 -> ProblemType.NOT_FOUND;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 408 -> ProblemType.REQUEST_TIMEOUT;
                case 413 -> ProblemType.BODY_TOO_LARGE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case 429 -> ProblemType.TOO_MANY_REQUESTS;
                case 500 -> ProblemType.INTERNAL;
                case 502 -> ProblemType.PROVIDER_REJECTED;
                case 503 -> ProblemType.PROVIDER_UNAVAILABLE;
                case 504 -> ProblemType.PROVIDER_TIMEOUT;
                default -> throw new IllegalArgumentException("no problem type for " + status);
            };
            var problem = type.problem();
            return new Answer(
                    status, "application/problem+json", JSON.writeValueAsBytes(problem), "search", null, problem);
        };
    }

    double duplicates(Mode mode) {
        return meters.get(DuplicateEvents.METRIC)
                .tag("mode", mode.label())
                .counter()
                .count();
    }

    @Test
    void aDuplicateGetsTheSameReplyIdStatusAndBodyWithoutAnotherInvocation() {
        CloudEvents cloudEvents = cloudEvents();

        Reply first = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));
        Reply again = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(1);
        assertThat(again.headers()).isEqualTo(first.headers()).containsKey("ce-id");
        assertThat(again.answer().status()).isEqualTo(200);
        assertThat(again.answer().body()).isEqualTo(first.answer().body());
        assertThat(duplicates(Mode.BINARY)).isEqualTo(1);
    }

    @Test
    void aStructuredDuplicateGetsTheSameReplyEvent() {
        CloudEvents cloudEvents = cloudEvents();
        Event event = new Event(Mode.STRUCTURED, "/src", "1", QUERY, "application/json");

        Reply first = cloudEvents.reply(event, null, null, answering(200));
        Reply again = cloudEvents.reply(event, null, null, answering(200));

        assertThat(invocations).hasValue(1);
        assertThat(again.answer().contentType()).isEqualTo(CloudEvents.STRUCTURED);
        assertThat(JSON.readTree(again.answer().body()))
                .isEqualTo(JSON.readTree(first.answer().body()));
        assertThat(duplicates(Mode.STRUCTURED)).isEqualTo(1);
    }

    @Test
    void anotherSourceAnotherIdAnotherFunctionOrAnotherModeIsAnotherEvent() {
        CloudEvents cloudEvents = cloudEvents();

        Reply first = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));
        cloudEvents.reply(binary("/other", "1"), "search", null, answering(200));
        cloudEvents.reply(binary("/src", "2"), "search", null, answering(200));
        cloudEvents.reply(binary("/src", "1"), "searchManipulate", null, answering(200));
        cloudEvents.reply(new Event(Mode.STRUCTURED, "/src", "1", QUERY, null), "search", null, answering(200));

        assertThat(invocations).hasValue(5);
        assertThat(cloudEvents
                        .reply(binary("/src", "1"), "search", null, answering(200))
                        .headers())
                .isEqualTo(first.headers());
    }

    @Test
    void afterTheWindowTheEventIsAnsweredAfresh() {
        CloudEvents cloudEvents = cloudEvents(Duration.ofMinutes(10), 1000);

        Reply first = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));
        assertThat(invocations).hasValue(1);

        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        Reply later = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(2);
        assertThat(later.headers().get("ce-id")).isNotEqualTo(first.headers().get("ce-id"));
    }

    @Test
    void theOldestRepliesAreForgottenBeyondTheMaximumSize() {
        CloudEvents cloudEvents = cloudEvents(Duration.ofMinutes(10), 10);
        for (int i = 0; i < 200; i++) {
            cloudEvents.reply(binary("/src", "id-" + i), "search", null, answering(200));
        }
        invocations.set(0);

        cloudEvents.reply(binary("/src", "id-0"), "search", null, answering(200));

        assertThat(invocations).as("the first event is no longer remembered").hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 406, 413, 415})
    void aFinalProblemIsRemembered(int status) {
        CloudEvents cloudEvents = cloudEvents();

        Reply first = cloudEvents.reply(binary("/src", "1"), "search", null, answering(status));
        Reply again = cloudEvents.reply(binary("/src", "1"), "search", null, answering(status));

        assertThat(invocations).hasValue(1);
        assertThat(again.answer().status()).isEqualTo(status);
        assertThat(again.answer().body()).isEqualTo(first.answer().body());
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 408, 429, 500, 502, 503, 504})
    void aProblemEventingRetriesIsNotRememberedSoItsRetryCallsTheFunctionAgain(int status) {
        CloudEvents cloudEvents = cloudEvents();

        cloudEvents.reply(binary("/src", "1"), "search", null, answering(status));
        Reply retried = cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(2);
        assertThat(retried.answer().status()).isEqualTo(200);
        assertThat(duplicates(Mode.BINARY)).isZero();
    }

    @Test
    void anInvocationThatThrowsIsNotRemembered() {
        CloudEvents cloudEvents = cloudEvents();

        assertThatThrownBy(() -> cloudEvents.reply(binary("/src", "1"), "search", null, () -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(1);
    }

    @Test
    void duplicatesArrivingTogetherShareOneInvocation() throws Exception {
        CloudEvents cloudEvents = cloudEvents();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Answer> slow = () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answering(200).get();
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<Reply> first = pool.submit(() -> cloudEvents.reply(binary("/src", "1"), "search", null, slow));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Reply>> others = List.of(
                    pool.submit(() -> cloudEvents.reply(binary("/src", "1"), "search", null, slow)),
                    pool.submit(() -> cloudEvents.reply(binary("/src", "1"), "search", null, slow)));
            Thread.sleep(100);
            release.countDown();

            String id = first.get(10, TimeUnit.SECONDS).headers().get("ce-id");
            for (Future<Reply> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS).headers().get("ce-id"))
                        .isEqualTo(id);
            }
        }
        assertThat(invocations).hasValue(1);
        assertThat(duplicates(Mode.BINARY)).isEqualTo(2);
    }

    @Test
    void aZeroWindowRemembersNothing() {
        CloudEvents cloudEvents = cloudEvents(Duration.ZERO, 1000);

        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));
        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(2);
    }

    @Test
    void beforeASnapshotTheRepliesAndTheGeneratorOfReplyIdsAreForgotten() {
        CloudEvents cloudEvents = cloudEvents();
        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        cloudEvents.beforeCheckpoint(Core.getGlobalContext());
        cloudEvents.reply(binary("/src", "1"), "search", null, answering(200));

        assertThat(invocations).hasValue(2);
    }
}
