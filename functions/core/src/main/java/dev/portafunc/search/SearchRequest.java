package dev.portafunc.search;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the {@code search} function is asked: a query and how much of the result list to return.
 *
 * @param query the text to search for, 1 to {@value #MAX_QUERY_LENGTH} characters
 * @param count how many results to return, 1 to 10 (default 10)
 * @param start the 1-based index of the first result, 1 to {@value #MAX_START} (default 1)
 * @param safe {@code active} to filter explicit results, {@code off} not to; the provider's default when absent
 * @param language a language code such as {@code en} or {@code pt-BR} to restrict results to
 * @param site a host name such as {@code example.org} to restrict results to
 */
public record SearchRequest(String query, Integer count, Integer start, String safe, String language, String site) {

    public static final int MAX_QUERY_LENGTH = 2048;
    public static final int DEFAULT_COUNT = 10;
    public static final int MAX_COUNT = 10;
    /** Providers return at most 100 results: start + count - 1 must stay within them. */
    public static final int MAX_START = 91;

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?");
    private static final Pattern SITE =
            Pattern.compile("(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\\.[a-zA-Z0-9-]{1,63})*");

    public SearchRequest {
        count = count == null ? DEFAULT_COUNT : count;
        start = start == null ? 1 : start;
    }

    /** A request for the first page of results for {@code query}. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, null, null, null);
    }

    /**
     * This request with its query trimmed and its options normalised, or an {@link InvalidInputException} naming the
     * first field that is out of range.
     */
    public SearchRequest validated() {
        String text = validQuery(query);
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        if (start < 1 || start > MAX_START) {
            throw new InvalidInputException("start", "start must be between 1 and " + MAX_START + ", was " + start);
        }
        return new SearchRequest(text, count, start, validSafe(safe), validLanguage(language), validSite(site));
    }

    /** The query trimmed, or an {@link InvalidInputException} when it is missing, blank or too long. */
    public static String validQuery(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("query", "query must not be empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException(
                    "query", "query must be at most " + MAX_QUERY_LENGTH + " characters, was " + query.length());
        }
        if (query.chars().anyMatch(c -> c == 0)) {
            throw new InvalidInputException("query", "query must not contain NUL characters");
        }
        return query.strip();
    }

    private static String validSafe(String safe) {
        if (safe == null || safe.isBlank()) {
            return null;
        }
        return switch (safe.strip().toLowerCase(Locale.ROOT)) {
            case "active", "on", "high", "medium" -> "active";
            case "off" -> "off";
            default -> throw new InvalidInputException("safe", "safe must be 'active' or 'off'");
        };
    }

    private static String validLanguage(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        if (!LANGUAGE.matcher(language.strip()).matches()) {
            throw new InvalidInputException("language", "language must be a language code such as 'en' or 'pt-BR'");
        }
        return language.strip();
    }

    private static String validSite(String site) {
        if (site == null || site.isBlank()) {
            return null;
        }
        if (!SITE.matcher(site.strip()).matches()) {
            throw new InvalidInputException("site", "site must be a host name such as 'example.org'");
        }
        return site.strip().toLowerCase(Locale.ROOT);
    }
}
