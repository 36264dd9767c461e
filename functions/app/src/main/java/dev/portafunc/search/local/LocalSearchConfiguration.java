package dev.portafunc.search.local;

import dev.portafunc.search.SearchProviderOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The embedded Lucene index, the default provider ({@code portafunc.search.provider=local}): no key, no network. */
@Configuration(proxyBeanMethods = false)
class LocalSearchConfiguration {

    static final String SHIPPED_CORPUS = "portafunc/corpus/";

    private static final Logger log = LoggerFactory.getLogger(LocalSearchConfiguration.class);

    @Bean
    SearchProviderOption localSearchProvider(LocalProperties local) {
        // In memory, in process: a cache or retries would only add work.
        return new SearchProviderOption("local", () -> new LocalSearchProvider(index(local)));
    }

    private static LocalIndex index(LocalProperties local) {
        long started = System.nanoTime();
        List<CorpusDocument> documents =
                local.path() != null ? CorpusReader.readDirectory(local.path()) : shippedCorpus();
        LocalIndex index = LocalIndex.build(documents);
        log.info(
                "Local index: {} documents from {} in {} ms",
                index.size(),
                local.path() != null ? local.path() : "the shipped corpus",
                (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    private static List<CorpusDocument> shippedCorpus() {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:" + SHIPPED_CORPUS + "**/*.*");
            List<CorpusDocument> documents = new ArrayList<>();
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String path = url.substring(url.lastIndexOf(SHIPPED_CORPUS) + SHIPPED_CORPUS.length());
                if (CorpusReader.isCorpusFile(path)) {
                    documents.add(CorpusReader.read(path, resource.getContentAsString(StandardCharsets.UTF_8)));
                }
            }
            documents.sort(Comparator.comparing(CorpusDocument::path));
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped corpus", e);
        }
    }
}
