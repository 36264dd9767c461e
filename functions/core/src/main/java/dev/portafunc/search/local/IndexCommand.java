package dev.portafunc.search.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Indexes a corpus of one's own once, ahead of the starts that search it: {@code IndexCommand SOURCE_FOLDER
 * INDEX_FOLDER} writes the index of every Markdown, HTML and text file under the first folder into the second, which
 * {@code portafunc.search.local.path} then names. {@code docs/custom-corpus.md} says how to run it from the jar, in an
 * image's build and for Lambda.
 */
public final class IndexCommand {

    /** How to run it from the application's jar, up to its two folders. */
    static final String FROM_THE_JAR = "java -Dloader.main=" + IndexCommand.class.getName()
            + " -cp portafunc.jar org.springframework.boot.loader.launch.PropertiesLauncher";

    private IndexCommand() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command, reporting to {@code out} and {@code err}; the process's exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || args[0].startsWith("-") || args[1].startsWith("-")) {
            err.println("Usage: " + FROM_THE_JAR + " SOURCE_FOLDER INDEX_FOLDER");
            err.println("Writes the index of the Markdown, HTML and text files in SOURCE_FOLDER into INDEX_FOLDER (new,"
                    + " empty, or holding an index to replace), for portafunc.search.local.path to name.");
            return 2;
        }
        Path source = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        try {
            long started = System.nanoTime();
            IndexFolder.Written written = IndexFolder.write(source, folder);
            out.printf(
                    Locale.ROOT,
                    "Indexed %d documents (%s) from %s into %s in %.1f s: %d files, %s.%n",
                    written.documents(),
                    size(written.sourceBytes()),
                    source,
                    folder,
                    (System.nanoTime() - started) / 1e9,
                    written.listing().files().size(),
                    size(written.indexBytes()));
            out.printf(
                    "Set portafunc.search.local.path (env PORTAFUNC_SEARCH_LOCAL_PATH) to %s where portafunc runs.%n",
                    folder.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("Could not index " + source + " into " + folder + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            err.println("Could not index " + source + " into " + folder + ": " + cause);
            return 1;
        }
    }

    /** The command line that writes the index of {@code source} into {@code folder}, run from the jar. */
    static String commandLine(String source, Path folder) {
        return FROM_THE_JAR + " " + source + " " + folder;
    }

    private static String size(long bytes) {
        return bytes < 1 << 20
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
