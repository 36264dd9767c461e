package dev.portafunc.search.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.portafunc.text.HtmlEntities;
import dev.portafunc.text.TextCleaner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads corpus files into {@link CorpusDocument}s: a title, an address, a language, the headings, and the text a reader
 * sees, one paragraph or list item a line, so that a snippet is made of whole sentences and never runs a heading into
 * them.
 *
 * <ul>
 *   <li>Markdown ({@code .md}): front matter {@code title:}, {@code url:}, {@code lang:} between {@code ---} lines;
 *       without a title there, the first {@code #} heading is the title.
 *   <li>HTML ({@code .html}, {@code .htm}): {@code <title>}, {@code <link rel="canonical">}, {@code <html lang>}.
 *   <li>Text ({@code .txt}): the first line is the title; a line {@code URL: ...} gives the address; paragraphs are
 *       separated by blank lines.
 * </ul>
 *
 * A document's address is only ever an absolute http(s) URL: anything else is no address (a result without a link),
 * since a reader's digest keeps no other kind. {@code docs/custom-corpus.md} describes the format for a corpus of one's
 * own.
 */
public final class CorpusReader {

    private static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_CANONICAL = Pattern.compile(
            "(?is)<link\\s+[^>]*rel\\s*=\\s*[\"']?canonical[\"']?[^>]*href\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern HTML_LANG = Pattern.compile("(?is)<html[^>]*\\slang\\s*=\\s*[\"']?([a-zA-Z-]+)");
    private static final Pattern HTML_BODY = Pattern.compile("(?is)<body[^>]*>(.*)</body>");
    private static final Pattern HTML_SPACE = Pattern.compile("\\s+");
    private static final Pattern HTML_HEADING = Pattern.compile("(?is)<h([1-6])\\b[^>]*>(.*?)</h\\1\\s*>");

    private CorpusReader() {}

    /** Every Markdown, HTML and text file under {@code root}, in path order. */
    public static List<CorpusDocument> readDirectory(Path root) {
        List<CorpusDocument> documents = new ArrayList<>();
        try {
            forEach(root, (_, _, document) -> documents.add(document));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the local corpus in " + root, e);
        }
        return documents;
    }

    /**
     * Reads every Markdown, HTML and text file under {@code root} up to 2 MiB, one at a time and in path order, so that
     * a corpus of any size is indexed without being held whole.
     */
    static void forEach(Path root, Visitor visitor) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("The local corpus folder does not exist: " + root);
        }
        for (Path file : files(root)) {
            String name = name(root, file);
            byte[] content = Files.readAllBytes(file);
            CorpusDocument document;
            try {
                document = read(
                        name,
                        UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString());
            } catch (CharacterCodingException e) {
                throw new IOException(file + " is not UTF-8 text", e);
            }
            visitor.file(name, content, document);
        }
    }

    /** What {@link #forEach} reads: one file's path within the corpus, its bytes, and what they read as. */
    @FunctionalInterface
    interface Visitor {
        void file(String path, byte[] content, CorpusDocument document) throws IOException;
    }

    /** Whether {@code root} holds a file that {@link #forEach} would read. */
    static boolean hasAny(Path root) throws IOException {
        return !files(root).isEmpty();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> corpus = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (isCorpusFile(name(root, file)) && Files.size(file) <= MAX_FILE_BYTES) {
                    corpus.add(file);
                }
            }
            return corpus;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    public static boolean isCorpusFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".txt");
    }

    /** Reads one file, its kind told by the extension of {@code path}. */
    public static CorpusDocument read(String path, String content) {
        String lower = path.toLowerCase(Locale.ROOT);
        String text = content.replace("\r\n", "\n");
        if (lower.endsWith(".md")) {
            return markdown(path, text);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return html(path, text);
        }
        return text(path, text);
    }

    private static CorpusDocument markdown(String path, String content) {
        String title = null;
        String url = null;
        String lang = null;
        String body = content;
        if (body.startsWith("---\n")) {
            int end = body.indexOf("\n---", 4);
            if (end > 0) {
                for (String line : body.substring(4, end).split("\n")) {
                    title = field(line, "title").orElse(title);
                    url = field(line, "url").orElse(url);
                    lang = field(line, "lang").orElse(lang);
                }
                int next = body.indexOf('\n', end + 1);
                body = next < 0 ? "" : body.substring(next + 1);
            }
        }
        MarkdownText.Blocks blocks = MarkdownText.read(body);
        if (title == null) {
            Matcher heading = Pattern.compile("(?m)^#[ \\t]+(.+)$").matcher(body);
            title = heading.find() ? MarkdownText.inline(heading.group(1).replaceAll("[ \\t]+#+[ \\t]*$", "")) : null;
        }
        if (title == null) {
            title = blocks.headings().isEmpty()
                    ? fileName(path)
                    : blocks.headings().getFirst();
        }
        return document(path, title, url, lang, blocks.headings(), blocks.blocks());
    }

    private static CorpusDocument html(String path, String content) {
        String title = find(HTML_TITLE, content).orElse(fileName(path));
        String url = find(HTML_CANONICAL, content).map(HtmlEntities::decode).orElse(null);
        String lang = find(HTML_LANG, content).orElse(null);
        String body = find(HTML_BODY, content).orElse(content);
        List<String> headings = new ArrayList<>();
        Matcher heading = HTML_HEADING.matcher(body);
        StringBuilder rest = new StringBuilder(body.length());
        while (heading.find()) {
            headings.add(htmlText(heading.group(2)));
            heading.appendReplacement(rest, "<p>");
        }
        heading.appendTail(rest);
        // A line break in the source is a space; block elements end a line, so each paragraph and list item is a line
        // of its own.
        String flowing = HTML_SPACE.matcher(rest).replaceAll(" ");
        String text = HtmlEntities.decode(TextCleaner.stripTags(flowing, '\n'));
        return document(path, title, url, lang, headings, List.of(text.split("\n")));
    }

    private static String htmlText(String html) {
        return TextCleaner.collapse(HtmlEntities.decode(TextCleaner.stripTags(html)));
    }

    private static CorpusDocument text(String path, String content) {
        String url = null;
        String title = null;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : content.lines().toList()) {
            Optional<String> value = field(line, "url");
            if (value.isPresent()) {
                url = value.get();
            } else if (line.isBlank()) {
                paragraphs.add(paragraph.toString());
                paragraph.setLength(0);
            } else if (title == null) {
                title = line;
            } else {
                paragraph.append(line).append(' ');
            }
        }
        paragraphs.add(paragraph.toString());
        return document(path, title == null ? fileName(path) : title, url, null, List.of(), paragraphs);
    }

    private static CorpusDocument document(
            String path, String title, String url, String lang, List<String> headings, List<String> blocks) {
        String language = lang == null || lang.isBlank()
                ? "en"
                : lang.strip().split("-")[0].toLowerCase(Locale.ROOT);
        String cleanTitle = TextCleaner.clean(title, 300);
        // The page's own heading is its title again: the title is searched already, and weighted.
        List<String> sections = headings.stream()
                .filter(heading -> !heading.equalsIgnoreCase(cleanTitle))
                .toList();
        return new CorpusDocument(path, cleanTitle, address(url), language, lines(sections), lines(blocks));
    }

    /** The lines, each collapsed, without the empty ones, joined by line breaks. */
    private static String lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String collapsed = TextCleaner.collapse(line);
            if (!collapsed.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(collapsed);
            }
        }
        return text.toString();
    }

    /** An absolute http(s) URL with a host, or null: a relative path or another scheme leads a reader nowhere. */
    static String address(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String address = url.strip();
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme();
            boolean web = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
            return web && uri.getHost() != null ? address : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Optional<String> field(String line, String name) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
            String value = line.substring(colon + 1).strip();
            if (value.length() >= 2
                    && ((value.startsWith("\"") && value.endsWith("\""))
                            || (value.startsWith("'") && value.endsWith("'")))) {
                value = value.substring(1, value.length() - 1);
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static Optional<String> find(Pattern pattern, String content) {
        Matcher matcher = pattern.matcher(content);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    private static String fileName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ');
    }
}
