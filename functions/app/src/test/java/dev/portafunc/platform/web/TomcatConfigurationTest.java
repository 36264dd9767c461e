package dev.portafunc.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import java.net.URI;
import java.util.Arrays;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatConfigurationTest {

    @Autowired
    WebServerApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void theListenerLeftOutIsSpringBootsStillUnderThatName() throws ClassNotFoundException {
        // if an upgrade renames it, the customizer would silently leave it in: this fails instead
        assertThat(Class.forName(TomcatConfiguration.STATIC_RESOURCE_CONFIGURER))
                .isNotNull();
    }

    @Test
    void tomcatDoesNotScanTheJarsForStaticResources() {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        var contexts = Arrays.stream(tomcat.getHost().findChildren())
                .map(Context.class::cast)
                .toList();

        assertThat(contexts)
                .isNotEmpty()
                .allSatisfy(tomcatContext -> assertThat(tomcatContext.findLifecycleListeners())
                        .noneMatch(listener ->
                                listener.getClass().getName().equals(TomcatConfiguration.STATIC_RESOURCE_CONFIGURER)));
    }

    @Test
    void thePageAndItsAssetsAreStillServed() {
        var http = new Http(URI.create("http://localhost:" + port));
        for (String path : new String[] {"/", "/app.css", "/app.js"}) {
            var response = http.get(path, "*/*");
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isNotBlank();
        }
    }
}
