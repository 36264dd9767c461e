package dev.portafunc.platform.edge;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.DigestFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Content negotiation: the format an answer goes out in, from the caller's {@code Accept} and what the function's
 * output can be written as (JSON always; a {@link Digest} also as HTML, Markdown or plain text).
 */
public final class Formats {

    /**
     * A format an answer goes out in.
     *
     * @param contentType what the answer's {@code Content-Type} says
     * @param digest how a digest is written in it, or null for JSON
     */
    record Format(String contentType, DigestFormat digest) {}

    static final Format JSON = new Format("application/json", null);

    private static final MimeType JSON_TYPE = MimeTypeUtils.APPLICATION_JSON;

    /** A digest format with the media type a caller's {@code Accept} is matched against. */
    private record Offered(MimeType type, Format format) {}

    private static final List<Offered> DIGEST_FORMATS = DigestFormat.all().stream()
            .map(format -> new Offered(
                    MimeTypeUtils.parseMimeType(format.mediaType()),
                    new Format(format.mediaType() + ";charset=UTF-8", format)))
            .toList();

    /** A media range a caller accepts, with its quality (NaN when its {@code q} cannot be read). */
    private record Wanted(MimeType type, double quality) {}

    private Formats() {}

    /**
     * The format to answer in: the first the caller accepts by quality, then specificity, then order; JSON when it
     * accepts anything, says nothing, or names JSON among others. Empty when it accepts none the output has, or when
     * its {@code Accept} cannot be read.
     */
    static Optional<Format> negotiate(String accept, Class<?> output) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(JSON);
        }
        List<Wanted> wanted = wanted(accept);
        if (wanted == null || wanted.stream().anyMatch(range -> Double.isNaN(range.quality()))) {
            return Optional.empty();
        }
        wanted.sort(Comparator.comparingDouble((Wanted range) -> -range.quality())
                .thenComparingInt(range -> specificity(range.type())));
        boolean digest = Digest.class.isAssignableFrom(output);
        for (Wanted range : wanted) {
            if (range.quality() <= 0) {
                continue;
            }
            if (range.type().includes(JSON_TYPE)) {
                return Optional.of(JSON);
            }
            if (digest) {
                for (Offered offered : DIGEST_FORMATS) {
                    if (range.type().includes(offered.type())) {
                        return Optional.of(offered.format());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a caller's {@code Accept} takes {@code mediaType}, for the routes that answer in one type only (a page,
     * the probes); a missing {@code Accept} takes anything, one that cannot be read nothing.
     */
    public static boolean accepts(String accept, String mediaType) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        List<Wanted> wanted = wanted(accept);
        MimeType type = MimeTypeUtils.parseMimeType(mediaType);
        // NaN > 0 is false: a range whose quality cannot be read takes nothing.
        return wanted != null
                && wanted.stream()
                        .anyMatch(range -> range.quality() > 0 && range.type().includes(type));
    }

    /** The media ranges an {@code Accept} names, in its order; null when it cannot be read. */
    private static List<Wanted> wanted(String accept) {
        List<Wanted> wanted = new ArrayList<>();
        try {
            for (MimeType type : MimeTypeUtils.parseMimeTypes(accept)) {
                wanted.add(new Wanted(type, quality(type)));
            }
        } catch (InvalidMimeTypeException e) {
            return null;
        }
        return wanted;
    }

    /** {@code q}, from 0 to 1; NaN when it is not a number in that range. */
    private static double quality(MimeType type) {
        String q = type.getParameter("q");
        if (q == null) {
            return 1;
        }
        try {
            double value = Double.parseDouble(q);
            return value >= 0 && value <= 1 ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int specificity(MimeType type) {
        return type.isWildcardType() ? 2 : type.isWildcardSubtype() ? 1 : 0;
    }
}
