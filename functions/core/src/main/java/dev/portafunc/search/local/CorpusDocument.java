package dev.portafunc.search.local;

/**
 * One document of the local corpus, read from a Markdown, HTML or text file.
 *
 * @param path the file's path within the corpus, such as {@code serverless/knative.md}
 * @param title the document's title
 * @param url where the document lives on the web, an absolute http(s) URL; null if it says nowhere
 * @param language the primary language subtag, such as {@code en}
 * @param headings the document's headings, one a line: searched, never shown in a snippet
 * @param text the document's readable text without its headings, one paragraph or list item a line
 */
public record CorpusDocument(String path, String title, String url, String language, String headings, String text) {}
