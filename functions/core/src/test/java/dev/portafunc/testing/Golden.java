package dev.portafunc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the output must equal a file under {@code src/test/resources}. Run with
 * {@code -Dgolden.update=true} to rewrite the files after a deliberate change, then review the diff.
 */
public final class Golden {

    private Golden() {}

    public static void assertMatches(String resource, String actual) {
        Path file = Path.of("src/test/resources", resource);
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            assertThat(actual)
                    .as("output compared with the golden file %s", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("No golden file " + file + " (run with -Dgolden.update=true)", e);
        }
    }
}
