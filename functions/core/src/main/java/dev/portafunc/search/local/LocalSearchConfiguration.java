package dev.portafunc.search.local;

import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    private static final Logger log = LoggerFactory.getLogger(LocalSearchConfiguration.class);

    @Bean
    SearchProviderOption localSearchProvider(LocalProperties local) {
        String target =
                local.path() == null ? "the shipped corpus" : local.path().toString();
        // A custom corpus opens before the application is up, so that a folder that cannot serve fails the start. The
        // shipped index opens beside the rest of the start (bench/results/levers-2026-12-08.md): a function that does
        // not search does not wait for it.
        return new SearchProviderOption(
                "local",
                target,
                Upstream.IN_PROCESS,
                () -> local.path() != null
                        ? new LocalSearchProvider(CustomCorpus.load(local.path()))
                        : LocalSearchProvider.opening(LocalSearchConfiguration::shippedIndex));
    }

    private static LocalIndex shippedIndex() {
        long started = System.nanoTime();
        // The build writes the index of the shipped corpus into the core jar: opening it skips analysing and indexing.
        PathMatchingResourcePatternResolver classpath = new PathMatchingResourcePatternResolver();
        ClassLoader loader = classpath.getClassLoader();
        ShippedIndex.Loaded loaded =
                ShippedIndex.openSealed(loader).orElseGet(() -> ShippedIndex.load(loader, shippedCorpus(classpath)));
        if (!loaded.opened()) {
            log.warn(
                    "Built the local index from the shipped corpus instead of opening it: {}", loaded.rebuiltBecause());
        }
        log.info(
                "Local index: {} documents {} in {} ms",
                loaded.index().size(),
                loaded.opened() ? "opened from the shipped index" : "built from the shipped corpus",
                since(started));
        return loaded.index();
    }

    private static List<CorpusFile> shippedCorpus(PathMatchingResourcePatternResolver classpath) {
        String corpus = ShippedIndex.CORPUS;
        try {
            List<CorpusFile> files = new ArrayList<>();
            for (Resource resource : classpath.getResources("classpath*:" + corpus + "**/*.*")) {
                String url = resource.getURL().toString();
                String path = url.substring(url.lastIndexOf(corpus) + corpus.length());
                if (CorpusReader.isCorpusFile(path)) {
                    files.add(new CorpusFile(path, resource.getContentAsByteArray()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped corpus", e);
        }
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
