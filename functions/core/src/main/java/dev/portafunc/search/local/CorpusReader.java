package dev.portafunc.search.local;

import dev.portafunc.text.HtmlEntities;
import dev.portafunc.text.TextCleaner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Reads corpus files into {@link CorpusDocument}s.
 *
 * <ul>
 *   <li>Markdown ({@code .md}): front matter {@code title:}, {@code url:}, {@code lang:} between {@code ---} lines;
 *       else the first {@code #} heading is the title.
 *   <li>HTML ({@code .html}, {@code .htm}): {@code <title>}, {@code <link rel="canonical">}, {@code <html lang>}.
 *   <li>Text ({@code .txt}): the first line is the title; a line {@code URL: ...} gives the address.
 * </ul>
 */
public final class CorpusReader {

    private static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_CANONICAL = Pattern.compile(
            "(?is)<link\\s+[^>]*rel\\s*=\\s*[\"']?canonical[\"']?[^>]*href\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern HTML_LANG = Pattern.compile("(?is)<html[^>]*\\slang\\s*=\\s*[\"']?([a-zA-Z-]+)");
    private static final Pattern HTML_BODY = Pattern.compile("(?is)<body[^>]*>(.*)</body>");
    private static final Pattern MD_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern MD_MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>|[-*+]|\\d+\\.)\\s+|[*_`~]+");

    private CorpusReader() {}

    /** Every Markdown, HTML and text file under {@code root}, in path order. */
    public static List<CorpusDocument> readDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("The local corpus folder does not exist: " + root);
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<CorpusDocument> documents = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (isCorpusFile(name) && Files.size(file) <= MAX_FILE_BYTES) {
                    documents.add(read(name, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the local corpus in " + root, e);
        }
    }

    public static boolean isCorpusFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".txt");
    }

    /** Reads one file, its kind told by the extension of {@code path}. */
    public static CorpusDocument read(String path, String content) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md")) {
            return markdown(path, content);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return html(path, content);
        }
        return text(path, content);
    }

    private static CorpusDocument markdown(String path, String content) {
        String title = null;
        String url = null;
        String lang = null;
        String body = content.replace("\r\n", "\n");
        if (body.startsWith("---\n")) {
            int end = body.indexOf("\n---", 4);
            if (end > 0) {
                for (String line : body.substring(4, end).split("\n")) {
                    title = field(line, "title").orElse(title);
                    url = field(line, "url").orElse(url);
                    lang = field(line, "lang").orElse(lang);
                }
                body = body.substring(body.indexOf('\n', end + 1) + 1);
            }
        }
        if (title == null) {
            Matcher heading = Pattern.compile("(?m)^#\\s+(.+)$").matcher(body);
            title = heading.find() ? heading.group(1) : fileName(path);
        }
        String text = MD_MARKUP.matcher(MD_LINK.matcher(body).replaceAll("$1")).replaceAll(" ");
        return document(path, title, url, lang, TextCleaner.stripTags(text));
    }

    private static CorpusDocument html(String path, String content) {
        String title = find(HTML_TITLE, content).orElse(fileName(path));
        String url = find(HTML_CANONICAL, content).map(HtmlEntities::decode).orElse(null);
        String lang = find(HTML_LANG, content).orElse(null);
        String body = find(HTML_BODY, content).orElse(content);
        return document(path, title, url, lang, HtmlEntities.decode(TextCleaner.stripTags(body)));
    }

    private static CorpusDocument text(String path, String content) {
        List<String> lines =
                new ArrayList<>(content.replace("\r\n", "\n").lines().toList());
        String url = null;
        for (var it = lines.iterator(); it.hasNext(); ) {
            Optional<String> value = field(it.next(), "url");
            if (value.isPresent()) {
                url = value.get();
                it.remove();
            }
        }
        String title = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse(fileName(path));
        return document(path, title, url, null, String.join("\n", lines));
    }

    private static CorpusDocument document(String path, String title, String url, String lang, String text) {
        String language = lang == null ? "en" : lang.strip().split("-")[0].toLowerCase(Locale.ROOT);
        return new CorpusDocument(
                path,
                TextCleaner.clean(title, 300),
                url == null || url.isBlank() ? null : url.strip(),
                language,
                TextCleaner.collapse(text));
    }

    private static Optional<String> field(String line, String name) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
            String value = line.substring(colon + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\""))) {
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
