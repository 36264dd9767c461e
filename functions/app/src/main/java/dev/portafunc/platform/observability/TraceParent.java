package dev.portafunc.platform.observability;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}), read from a caller or from
 * Lambda's X-Ray trace header, so that logs carry the trace id and calls onwards continue the trace even when
 * portafunc records no spans itself.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero
 * @param sampled whether the caller records this trace
 */
public record TraceParent(String traceId, String parentId, boolean sampled) {

    /** The caller's trace context while its request is served, when portafunc records no spans of its own. */
    public static final ScopedValue<TraceParent> INCOMING = ScopedValue.newInstance();

    private static final Pattern W3C =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    /** A {@code traceparent} header, if it is one (version 00, or a later version read as 00 says). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null || header.length() > 512) {
            return Optional.empty();
        }
        var match = W3C.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!match.matches()
                || match.group(1).equals("ff")
                || (match.group(1).equals("00") && match.group(5) != null)) {
            return Optional.empty();
        }
        return of(match.group(2), match.group(3), (Integer.parseInt(match.group(4), 16) & 1) == 1);
    }

    /**
     * An AWS X-Ray trace header as Lambda gives it ({@code Root=1-5759e988-bd862e3fe1be46a994272793;
     * Parent=53995c3f42cd8ad8;Sampled=1}): its root is a W3C trace id once the version and dashes are dropped.
     */
    public static Optional<TraceParent> fromXRay(String header) {
        if (header == null || header.length() > 512) {
            return Optional.empty();
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            switch (pair[0].strip()) {
                case "Root" -> root = pair[1].strip();
                case "Parent" -> parent = pair[1].strip();
                case "Sampled" -> sampled = pair[1].strip().equals("1");
                default -> {}
            }
        }
        if (root == null || parent == null || !root.startsWith("1-")) {
            return Optional.empty();
        }
        return of(
                root.substring(2).replace("-", "").toLowerCase(Locale.ROOT), parent.toLowerCase(Locale.ROOT), sampled);
    }

    private static Optional<TraceParent> of(String traceId, String parentId, boolean sampled) {
        if (traceId.length() != 32
                || parentId.length() != 16
                || !HEX.matcher(traceId).matches()
                || !HEX.matcher(parentId).matches()
                || traceId.chars().allMatch(c -> c == '0')
                || parentId.chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, parentId, sampled));
    }

    /** The header value, version 00. */
    public String header() {
        return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
    }
}
