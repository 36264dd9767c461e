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
    private static final List<DigestFormat> DIGEST_FORMATS = DigestFormat.all();
    private static final List<Format> FORMATS = DIGEST_FORMATS.stream()
            .map(format -> new Format(format.mediaType() + ";charset=UTF-8", format))
            .toList();
    private static final List<MimeType> DIGEST_TYPES = DIGEST_FORMATS.stream()
            .map(format -> MimeTypeUtils.parseMimeType(format.mediaType()))
            .toList();

    private Formats() {}

    /**
     * The format to answer in: the first the caller accepts by quality, then specificity, then order; JSON when it
     * accepts anything, says nothing, or names JSON among others. Empty when it accepts none the output has, or when
     * its {@code Accept} cannot be read.
     *
     */
    static Optional<Format> negotiate(String accept, Class<?> output) {
        boolean digest = Digest.class.isAssignableFrom(output);
        if (accept == null || accept.isBlank()) {
            return Optional.of(JSON);
        }
        List<MimeType> accepted;
        try {
            accepted = new ArrayList<>(MimeTypeUtils.parseMimeTypes(accept));
        } catch (InvalidMimeTypeException e) {
            return Optional.empty();
        }
        List<Double> qualities = new ArrayList<>(accepted.size());
        for (MimeType type : accepted) {
            double quality = quality(type);
            if (Double.isNaN(quality)) {
                return Optional.empty();
            }
            qualities.add(quality);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -qualities.get(i))
                .thenComparingInt(i -> specificity(accepted.get(i))));
        for (int i : order) {
            if (qualities.get(i) <= 0) {
                continue;
            }
            MimeType wanted = accepted.get(i);
            if (wanted.includes(JSON_TYPE)) {
                return Optional.of(JSON);
            }
            if (digest) {
                for (int f = 0; f < DIGEST_TYPES.size(); f++) {
                    if (wanted.includes(DIGEST_TYPES.get(f))) {
                        return Optional.of(FORMATS.get(f));
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
        MimeType type = MimeTypeUtils.parseMimeType(mediaType);
        try {
            for (MimeType wanted : MimeTypeUtils.parseMimeTypes(accept)) {
                double quality = quality(wanted);
                if (!Double.isNaN(quality) && quality > 0 && wanted.includes(type)) {
                    return true;
                }
            }
        } catch (InvalidMimeTypeException e) {
            return false;
        }
        return false;
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
