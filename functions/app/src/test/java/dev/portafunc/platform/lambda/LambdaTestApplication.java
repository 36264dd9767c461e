package dev.portafunc.platform.lambda;

import dev.portafunc.PortafuncApplication;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The application plus one function that fails in a way nobody planned for, to test Lambda's error path. */
@Configuration(proxyBeanMethods = false)
@Import(PortafuncApplication.class)
public class LambdaTestApplication {

    @Bean
    Function<SearchRequest, SearchResults> explode() {
        return request -> {
            throw new IllegalStateException("internal detail that must stay in the logs");
        };
    }
}
