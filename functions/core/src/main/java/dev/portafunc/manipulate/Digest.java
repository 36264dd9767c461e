package dev.portafunc.manipulate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code manipulate} returns: search results made ready for a reader.
 *
 * @param query the query the results answer
 * @param provider the provider that found them
 * @param totalResults how many results the provider estimates there are in all
 * @param searchTimeMs how long the search took, in milliseconds
 * @param items the results, cleaned, without duplicates; most relevant first once ranked ({@link Manipulator#rank})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Digest(String query, String provider, Long totalResults, Long searchTimeMs, List<DigestItem> items) {}
