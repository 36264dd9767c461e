package dev.portafunc.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets pages from {@code portafunc.web.cors.allowed-origins} call {@code /v2}, preflight included; with none
 * configured, no cross-origin call is allowed.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    /** How long a browser may reuse a preflight's answer, in seconds. */
    static final long MAX_AGE = 3600;

    private final CorsProperties cors;

    CorsConfiguration(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (cors.allowedOrigins().isEmpty()) {
            return;
        }
        // Spring MVC answers the OPTIONS preflight itself; POST is the only method the API has.
        registry.addMapping("/v2/**")
                .allowedOrigins(cors.allowedOrigins().toArray(String[]::new))
                .allowedMethods("POST")
                .allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT)
                // A page can only read the headers it is told about: the wait a 503 asks for is one.
                .exposedHeaders(HttpHeaders.RETRY_AFTER)
                .allowCredentials(false)
                .maxAge(MAX_AGE);
    }
}
