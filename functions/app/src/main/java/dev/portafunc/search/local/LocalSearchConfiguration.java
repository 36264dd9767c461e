package dev.portafunc.search.local;

import dev.portafunc.search.SearchProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Searches the embedded Lucene index, the default provider ({@code portafunc.search.provider=local}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portafunc.search.provider", havingValue = "local", matchIfMissing = true)
class LocalSearchConfiguration {

    static final String SHIPPED_CORPUS = "portafunc/corpus/";

    private static final Logger log = LoggerFactory.getLogger(LocalSearchConfiguration.class);

    @Bean(destroyMethod = "close")
    LocalIndex localIndex(LocalProperties local) {
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

    @Bean
    SearchProvider localSearchProvider(LocalIndex localIndex) {
        return new LocalSearchProvider(localIndex);
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
            documents.sort(java.util.Comparator.comparing(CorpusDocument::path));
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped corpus", e);
        }
    }
}
