package dev.portafunc.search.local;

import dev.portafunc.search.InvalidSettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of the folder {@code portafunc.search.local.path} names: an index written ahead of time by {@link
 * IndexCommand}, opened memory-mapped, or Markdown, HTML and text files, indexed at start. Anything else stops the
 * start with a sentence that names the setting and the command.
 */
final class CustomCorpus {

    static final String SETTING = "portafunc.search.local.path (env PORTAFUNC_SEARCH_LOCAL_PATH)";

    private static final Logger log = LoggerFactory.getLogger(CustomCorpus.class);

    private CustomCorpus() {}

    static LocalIndex load(Path folder) {
        long started = System.nanoTime();
        if (!Files.isDirectory(folder)) {
            throw invalid(
                    folder,
                    "which is not a folder; point it at an index written with `"
                            + IndexCommand.commandLine("SOURCE_FOLDER", folder)
                            + "` or at a folder of Markdown, HTML and text files, or leave it unset for the shipped corpus");
        }
        IndexFolder.Contents contents;
        try {
            contents = IndexFolder.contents(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the local corpus in " + folder, e);
        }
        return switch (contents) {
            case INDEX -> open(folder, started);
            case CORPUS -> build(folder, started);
            case UNFINISHED_INDEX ->
                throw invalid(
                        folder,
                        "whose index is unfinished (it has no " + IndexFolder.LISTING + ": its writing"
                                + " stopped, or something else wrote it); write it again with `"
                                + IndexCommand.commandLine("SOURCE_FOLDER", folder) + "`");
            case NOTHING ->
                throw invalid(
                        folder,
                        "which holds neither an index nor any .md, .html, .htm or .txt file; write the"
                                + " index there with `" + IndexCommand.commandLine("SOURCE_FOLDER", folder)
                                + "`, or point it at the folder of documents");
        };
    }

    private static LocalIndex open(Path folder, long started) {
        try {
            LocalIndex index = IndexFolder.open(folder);
            log.info(
                    "Local index: {} documents opened from the index in {} in {} ms",
                    index.size(),
                    folder,
                    since(started));
            return index;
        } catch (IndexFolder.Unusable e) {
            throw invalid(
                    folder,
                    "whose index " + e.getMessage() + "; write it again with `"
                            + IndexCommand.commandLine("SOURCE_FOLDER", folder) + "`");
        }
    }

    private static LocalIndex build(Path folder, long started) {
        LocalIndex index = LocalIndex.build(CorpusReader.readDirectory(folder));
        log.info("{}", builtAtStart(folder, index.size(), since(started)));
        return index;
    }

    /** What a start that indexed a folder of documents logs: how long it took, and how to spare the next starts. */
    static String builtAtStart(Path folder, int documents, long millis) {
        return "Local index: " + documents + " documents built from " + folder + " at start in " + millis
                + " ms, which every start pays again; write the index once with `"
                + IndexCommand.commandLine(folder.toString(), Path.of("INDEX_FOLDER")) + "` and set " + SETTING
                + " to INDEX_FOLDER (docs/custom-corpus.md)";
    }

    private static InvalidSettingsException invalid(Path folder, String problem) {
        return new InvalidSettingsException(SETTING + " is " + folder + ", " + problem);
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
