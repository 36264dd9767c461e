package dev.portafunc.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.platform.observability.InvocationTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each invocation's metrics as Embedded Metric Format documents, valid against the specification. */
class EmbeddedMetricsTest {

    static final long NOW = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();

    /** A tally as an invocation leaves it, filled through the same calls the observations make. */
    static InvocationTally tally(String problem, String... providerAndOutcome) {
        InvocationTally tally = new InvocationTally();
        ScopedValue.where(InvocationTally.CURRENT, tally).run(() -> {
            for (int i = 0; i < providerAndOutcome.length; i += 2) {
                InvocationTally.providerCall(providerAndOutcome[i], providerAndOutcome[i + 1]);
            }
        });
        tally.problem(problem);
        return tally;
    }

    static List<JsonNode> documents(List<String> lines) {
        for (String line : lines) {
            assertThat(EmfDocuments.violations(line)).as(line).isEmpty();
        }
        return lines.stream().map(JsonMapper.shared()::readTree).toList();
    }

    @Test
    void aSuccessfulSearchIsOneDocumentWithItsProviderCall() {
        JsonNode document = documents(
                        EmbeddedMetrics.lines("search", 12_345_678, tally("none", "google", "success"), NOW))
                .getFirst();

        JsonNode metadata = document.get("_aws");
        assertThat(metadata.get("Timestamp").asLong()).isEqualTo(NOW);
        assertThat(metadata.get("CloudWatchMetrics")
                        .valueStream()
                        .map(d -> d.get("Namespace").asString()))
                .containsOnly("portafunc");
        assertThat(metadata.get("CloudWatchMetrics")
                        .valueStream()
                        .map(d -> d.get("Dimensions").toString()))
                .containsExactly("[[\"function\"]]", "[[\"function\",\"provider\",\"outcome\"]]");
        assertThat(document.get("function").asString()).isEqualTo("search");
        assertThat(document.get("provider").asString()).isEqualTo("google");
        assertThat(document.get("outcome").asString()).isEqualTo("success");
        assertThat(document.get("invocations").asInt()).isEqualTo(1);
        assertThat(document.get("duration").asDouble()).isEqualTo(12.346);
        assertThat(document.get("problems").asInt()).isZero();
        assertThat(document.get("providerCalls").asInt()).isEqualTo(1);
        assertThat(document.get("cacheHits").asInt()).isZero();
        assertThat(document.has("problem")).isFalse();
    }

    @Test
    void aFailureIsCountedByItsProblemToo() {
        JsonNode document = documents(EmbeddedMetrics.lines("searchManipulate", 1_000_000, tally("invalid-input"), NOW))
                .getFirst();

        assertThat(document.get("_aws")
                        .get("CloudWatchMetrics")
                        .valueStream()
                        .map(d -> d.get("Dimensions").toString()))
                .containsExactly("[[\"function\"]]", "[[\"function\",\"problem\"]]");
        assertThat(document.get("problem").asString()).isEqualTo("invalid-input");
        assertThat(document.get("problems").asInt()).isEqualTo(1);
        assertThat(document.get("providerCalls").asInt()).isZero();
        assertThat(document.has("provider"))
                .as("no call, no provider dimension")
                .isFalse();
    }

    @Test
    void callsEndingSeveralWaysGetADocumentEach() {
        List<JsonNode> documents = documents(EmbeddedMetrics.lines(
                "search",
                1_000_000,
                tally("none", "google", "unavailable", "google", "unavailable", "local", "success"),
                NOW));

        assertThat(documents).hasSize(3);
        assertThat(documents.getFirst().get("providerCalls").asInt()).isEqualTo(3);
        assertThat(documents.getFirst().has("provider")).isFalse();
        assertThat(documents.subList(1, 3))
                .extracting(d ->
                        d.get("provider").asString() + " " + d.get("outcome").asString() + " "
                                + d.get("providerCalls").asInt())
                .containsExactly("google unavailable 2", "local success 1");
    }

    @Test
    void eachInvocationIsWrittenAsWholeLinesToStdout() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        EmbeddedMetrics metrics =
                new EmbeddedMetrics(() -> stdout, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

        metrics.write("search|manipulate", 2_000_000, tally("none", "searxng", "success"));
        metrics.write("search", 2_000_000, tally("provider-timeout", "searxng", "timeout", "local", "success"));

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).endsWith("\n");
        List<String> lines = written.lines().toList();
        assertThat(lines)
                .hasSize(4)
                .allSatisfy(line -> assertThat(EmfDocuments.isDocument(line)).isTrue());
        assertThat(documents(lines).getFirst().get("function").asString()).isEqualTo("search|manipulate");
    }

    @Test
    void theCheckFindsDocumentsThatBreakTheSpecification() {
        String valid =
                EmbeddedMetrics.lines("search", 1_000_000, tally("none"), NOW).getFirst();

        assertThat(EmfDocuments.violations(valid)).isEmpty();
        assertThat(EmfDocuments.violations(valid.replace("\"invocations\":1", "\"invocations\":\"one\"")))
                .containsExactly("metric invocations is not a number (or array of numbers) on the root node");
        assertThat(EmfDocuments.violations(valid.replace("\"function\":\"search\",", "")))
                .containsExactly("dimension function is not a string member of the root node");
        assertThat(EmfDocuments.violations(valid.replace("\"Milliseconds\"", "\"Millis\"")))
                .isNotEmpty();
        assertThat(EmfDocuments.violations(valid.replace("\"Timestamp\":" + NOW, "\"Timestamp\":\"now\"")))
                .isNotEmpty();
        assertThat(EmfDocuments.violations("{\"message\":" + JsonMapper.shared().writeValueAsString(valid) + "}"))
                .as("a document inside a log line's message is none")
                .isNotEmpty();
    }
}
