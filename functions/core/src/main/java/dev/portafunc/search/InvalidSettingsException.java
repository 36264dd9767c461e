package dev.portafunc.search;

import java.util.List;

/**
 * The deployment's settings can never work: a provider is missing its key, names a provider that does not exist, or
 * points at a folder that is not there. Each problem says which setting to change and how; the start stops with all of
 * them at once.
 */
public class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public InvalidSettingsException(String problem) {
        this(List.of(problem));
    }

    /** Each problem, as a sentence naming the setting and its environment variable. */
    public List<String> problems() {
        return problems;
    }
}
