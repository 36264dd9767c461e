package dev.portafunc.platform.function;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Puts {@link CompositionCatalog} in place of the function catalog Spring Cloud Function configures. */
@Configuration(proxyBeanMethods = false)
class FunctionCatalogConfiguration {

    @Bean
    static BeanPostProcessor compositionCatalogPostProcessor(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof FunctionRegistry registry && !(bean instanceof CompositionCatalog)) {
                    FunctionsProperties functions =
                            Binder.get(environment).bindOrCreate("portafunc.functions", FunctionsProperties.class);
                    return new CompositionCatalog(
                            registry,
                            functions.compositions(),
                            () -> environment.getProperty(FunctionProperties.FUNCTION_DEFINITION, ""));
                }
                return bean;
            }
        };
    }

    @Bean
    Functions functions(
            org.springframework.cloud.function.context.FunctionCatalog catalog,
            FunctionsProperties properties,
            Environment environment) {
        return new Functions(
                catalog, properties, () -> environment.getProperty(FunctionProperties.FUNCTION_DEFINITION, ""));
    }
}
