package dev.portafunc.platform.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Servlet container settings the routes rely on. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
class TomcatConfiguration {

    /**
     * Requests Tomcat rejects itself are answered with a problem too: its error-report valve, which Spring Boot also
     * configures, is replaced once all customisations are in, as the host starts.
     */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            StandardHost host = (StandardHost) context.getParent();
            // The host adds an instance of this class as it starts, unless one is already there.
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            pipeline.removeValve(valve); // Spring Boot's own
                        }
                    }
                }
            });
        };
    }

    /**
     * Tomcat is not asked to serve {@code META-INF/resources} from the jars on the class path. Spring Boot adds a
     * listener that, as the context starts, opens every jar (120 of them) to look for that folder: ~12 ms of each cold
     * start, and none of portafunc's jars has one. The page and its assets are served by Spring MVC from
     * {@code classpath:/static}, which this does not touch.
     */
    @Bean
    TomcatContextCustomizer noJarResourceScan() {
        return context -> {
            for (LifecycleListener listener : context.findLifecycleListeners()) {
                if (listener.getClass().getName().equals(STATIC_RESOURCE_CONFIGURER)) {
                    context.removeLifecycleListener(listener);
                }
            }
        };
    }

    /** Spring Boot's listener that adds the jars' {@code META-INF/resources} to Tomcat's resources. */
    static final String STATIC_RESOURCE_CONFIGURER =
            "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory$StaticResourceConfigurer";

    /**
     * A query in a path ({@code /v1/a%2Fb}) may contain an encoded '/': pass it through to Spring MVC, which decodes
     * path variables, instead of Tomcat refusing the request before any handler sees it.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInPaths() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
