package dev.portafunc.platform.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Servlet container settings the routes rely on. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
class TomcatConfiguration {

    /**
     * A query in a path ({@code /v1/a%2Fb}) may contain an encoded '/': pass it through to Spring MVC, which decodes
     * path variables, instead of Tomcat refusing the request before any handler sees it.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInPaths() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
