package dev.portafunc.search;

/**
 * One result of a search, in the shape of the Custom Search JSON API's {@code items[]}.
 *
 * @param title the page title as the provider gave it (may hold markup)
 * @param link the result's URL
 * @param displayLink the host shown to a reader, such as {@code www.example.org}
 * @param snippet a plain-text extract of the page
 * @param htmlSnippet the same extract with the matched terms marked up in HTML
 */
public record SearchItem(String title, String link, String displayLink, String snippet, String htmlSnippet) {}
