package dev.portafunc.platform;

import dev.portafunc.search.InvalidSettingsException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start that stops because the settings can never work says so in one plain message: every problem found, each with
 * the setting to change and its environment variable, and no stack trace (Spring Boot reports an analysed failure
 * without one).
 */
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String problems =
                cause.problems().stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n"));
        return new FailureAnalysis(
                "portafunc cannot start with these settings:\n" + problems,
                "Set what each line names (README.md, \"Search providers\", lists every setting), then start again.",
                cause);
    }
}
