package dev.portafunc.manipulate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One result in a {@link Digest}.
 *
 * @param title the title as plain text
 * @param url the result's address, only ever an absolute http or https URL; absent when the provider's was not
 * @param site the host the result is on, as plain text
 * @param text the snippet as plain text
 * @param html the snippet as HTML, made from {@code text}: escaped, with the query's words in {@code <mark>} (as the
 *     English analyzer matches them, stop words left out)
 * @param score how much of the query the item covers, from 0 to 1: each of the query's words (stop words left out,
 *     forms of one word counted once) counts 1 if the title has it and {@value Manipulator#TEXT_WEIGHT} if only the
 *     snippet does, and the sum is divided by the number of words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DigestItem(String title, String url, String site, String text, String html, double score) {}
