package dev.portafunc.platform.lambda;

import dev.portafunc.platform.observability.InvocationTally;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each invocation's metrics as CloudWatch Embedded Metric Format documents, one JSON object per line on stdout, which
 * Lambda sends to CloudWatch Logs and CloudWatch turns into metrics: no metric filter, no agent, no call. Written by
 * their own writer, straight to {@code System.out} (as one write, flushed), so the structured log's encoder never
 * wraps them in a message: a document inside another is no metric.
 *
 * <p>Namespace {@code portafunc}. Per invocation, with the dimension {@code function}: {@code invocations},
 * {@code duration} (milliseconds), {@code problems} (1 for a failed invocation, else 0), {@code providerCalls} and
 * {@code cacheHits}; for a failure, {@code problems} also by {@code function} and {@code problem} (its type, such as
 * {@code invalid-input}); and the provider calls by {@code function}, {@code provider} and {@code outcome}. The
 * dimensions take only a few values each (functions, problem types, providers, outcomes), as each combination is a
 * metric CloudWatch bills. The documents follow "Specification: Embedded metric format" (Amazon CloudWatch User
 * Guide).
 */
final class EmbeddedMetrics {

    static final String NAMESPACE = "portafunc";

    private final Supplier<PrintStream> out;
    private final Clock clock;

    /** Writes to whatever {@code System.out} is at each write (Lambda's runtime may set its own). */
    EmbeddedMetrics() {
        this(() -> System.out, Clock.systemUTC());
    }

    EmbeddedMetrics(Supplier<PrintStream> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Writes an invocation's documents: one line, and one more for each further provider and outcome it met. */
    void write(String function, long durationNanos, InvocationTally tally) {
        List<String> lines = lines(function, durationNanos, tally, clock.millis());
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        PrintStream stdout = out.get();
        // One write: PrintStream locks for it, so no other line (a log line) lands inside a document.
        stdout.write(bytes, 0, bytes.length);
        stdout.flush();
    }

    /** The documents for an invocation, one per line. */
    static List<String> lines(String function, long durationNanos, InvocationTally tally, long timestamp) {
        boolean failed = !"none".equals(tally.problem());
        List<Map.Entry<InvocationTally.Calls, Integer>> calls =
                List.copyOf(tally.providerCalls().entrySet());
        // A single kind of call (the common case) goes in the invocation's own document; several get one each.
        boolean oneKind = calls.size() == 1;

        StringBuilder line = new StringBuilder(512);
        line.append("{\"_aws\":{\"Timestamp\":").append(timestamp).append(",\"CloudWatchMetrics\":[");
        directive(
                line,
                "[[\"function\"]]",
                "invocations",
                "Count",
                "duration",
                "Milliseconds",
                "problems",
                "Count",
                "providerCalls",
                "Count",
                "cacheHits",
                "Count");
        if (failed) {
            line.append(',');
            directive(line, "[[\"function\",\"problem\"]]", "problems", "Count");
        }
        if (oneKind) {
            line.append(',');
            directive(line, "[[\"function\",\"provider\",\"outcome\"]]", "providerCalls", "Count");
        }
        line.append("]},");
        member(line, "function", function);
        if (failed) {
            member(line, "problem", tally.problem());
        }
        if (oneKind) {
            member(line, "provider", calls.getFirst().getKey().provider());
            member(line, "outcome", calls.getFirst().getKey().outcome());
        }
        line.append("\"invocations\":1,\"duration\":")
                .append(Math.round(durationNanos / 1_000.0) / 1_000.0)
                .append(",\"problems\":")
                .append(failed ? 1 : 0)
                .append(",\"providerCalls\":")
                .append(tally.providerCallCount())
                .append(",\"cacheHits\":")
                .append(tally.cacheHits())
                .append('}');
        if (oneKind || calls.isEmpty()) {
            return List.of(line.toString());
        }
        List<String> lines = new ArrayList<>(1 + calls.size());
        lines.add(line.toString());
        for (Map.Entry<InvocationTally.Calls, Integer> call : calls) {
            StringBuilder more = new StringBuilder(256);
            more.append("{\"_aws\":{\"Timestamp\":").append(timestamp).append(",\"CloudWatchMetrics\":[");
            directive(more, "[[\"function\",\"provider\",\"outcome\"]]", "providerCalls", "Count");
            more.append("]},");
            member(more, "function", function);
            member(more, "provider", call.getKey().provider());
            member(more, "outcome", call.getKey().outcome());
            more.append("\"providerCalls\":").append(call.getValue()).append('}');
            lines.add(more.toString());
        }
        return lines;
    }

    /** A MetricDirective: the namespace, its dimension sets (as JSON), and each metric's name and unit. */
    private static void directive(StringBuilder line, String dimensions, String... metrics) {
        line.append("{\"Namespace\":\"")
                .append(NAMESPACE)
                .append("\",\"Dimensions\":")
                .append(dimensions)
                .append(",\"Metrics\":[");
        for (int i = 0; i < metrics.length; i += 2) {
            line.append(i == 0 ? "" : ",")
                    .append("{\"Name\":\"")
                    .append(metrics[i])
                    .append("\",\"Unit\":\"")
                    .append(metrics[i + 1])
                    .append("\"}");
        }
        line.append("]}");
    }

    /** A dimension's value, as a member of the root node. */
    private static void member(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append("\",");
    }
}
