package dev.portafunc.search.local;

/**
 * One document of the local corpus, read from a Markdown, HTML or text file.
 *
 * @param path the file's path within the corpus, such as {@code serverless/knative.md}
 * @param title the document's title
 * @param url where the document lives on the web, or null if it says nowhere
 * @param language the primary language subtag, such as {@code en}
 * @param text the document's readable text
 */
public record CorpusDocument(String path, String title, String url, String language, String text) {}
