package dev.portafunc.manipulate;

import java.util.List;
import java.util.Optional;

/** A way to show a {@link Digest} to a reader, other than its JSON form: HTML, Markdown or plain text. */
public interface DigestFormat {

    /** The media type this format is served as, such as {@code text/html}. */
    String mediaType();

    String render(Digest digest);

    /** The formats portafunc ships, in order of preference when a caller accepts several. */
    static List<DigestFormat> all() {
        return List.of(new HtmlDigestFormat(), new MarkdownDigestFormat(), new PlainTextDigestFormat());
    }

    static Optional<DigestFormat> forMediaType(String mediaType) {
        return all().stream()
                .filter(f -> f.mediaType().equalsIgnoreCase(mediaType))
                .findFirst();
    }
}
