package dev.portafunc.platform.web;

import dev.portafunc.platform.function.Functions;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The HTTP edge: Spring Cloud Function's routes, the versioned API, and how bodies are read and written. */
@Configuration(proxyBeanMethods = false)
@Import(FunctionController.class)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    FunctionRoutes functionRoutes(
            Functions functions,
            FunctionCatalog catalog,
            FunctionProperties properties,
            FunctionController controller) {
        return new FunctionRoutes(functions, catalog, properties, controller);
    }

    /** Read by Spring Cloud Function's input conversion: a text/plain body is a query. */
    @Bean
    MessageConverter plainTextQueryConverter() {
        return new PlainTextQueryConverter();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        // Last, so that JSON stays the answer when a caller accepts anything.
        builder.configureMessageConvertersList(converters -> converters.add(new DigestHttpMessageConverter()));
    }
}
