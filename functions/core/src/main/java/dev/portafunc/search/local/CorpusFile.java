package dev.portafunc.search.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One corpus file as it lies on disk or on the class path, before it is read: what the shipped index is
 * fingerprinted from.
 *
 * @param path the file's path within the corpus, such as {@code serverless/knative.md}
 * @param content the file's bytes, UTF-8 text
 */
public record CorpusFile(String path, byte[] content) {

    /** Every Markdown, HTML and text file under {@code root}, in path order. */
    public static List<CorpusFile> readDirectory(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<CorpusFile> corpus = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (CorpusReader.isCorpusFile(path)) {
                    corpus.add(new CorpusFile(path, Files.readAllBytes(file)));
                }
            }
            return corpus;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the corpus in " + root, e);
        }
    }

    public CorpusDocument document() {
        return CorpusReader.read(path, new String(content, StandardCharsets.UTF_8));
    }
}
