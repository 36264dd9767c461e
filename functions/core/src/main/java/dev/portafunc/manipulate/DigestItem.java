package dev.portafunc.manipulate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One result in a {@link Digest}.
 *
 * @param title the title as plain text
 * @param url the result's address, only ever an absolute http or https URL; absent when the provider's was not
 * @param site the host the result is on, as plain text
 * @param text the snippet as plain text
 * @param html the snippet as HTML, made from {@code text}: escaped, with the query's terms in {@code <mark>}
 * @param score the share of the query's terms the title and snippet contain, from 0 to 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DigestItem(String title, String url, String site, String text, String html, double score) {}
