package dev.portafunc.search.local;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded local index ({@code portafunc.search.provider=local}, the default).
 *
 * @param path a folder holding an index written by {@code IndexCommand} (docs/custom-corpus.md), opened without
 *     indexing anything, or a folder of Markdown, HTML and text files, indexed at each start; the small corpus shipped
 *     with portafunc when unset
 */
@ConfigurationProperties("portafunc.search.local")
public record LocalProperties(Path path) {}
