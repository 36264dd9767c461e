package dev.portafunc.platform.edge;

import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.http.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The one edge every transport calls. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    Edge edge(Functions functions, JsonMapper json, WebProperties web) {
        return new Edge(functions, json, web.maxBodySize().toBytes());
    }
}
