package dev.portafunc.platform.lambda;

import dev.portafunc.platform.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tools.jackson.databind.json.JsonMapper;

/** The Lambda edge, present only when running on AWS Lambda. */
@Configuration(proxyBeanMethods = false)
@Conditional(LambdaConfiguration.OnLambda.class)
class LambdaConfiguration {

    @Bean
    LambdaEdge lambdaEdge(JsonMapper json, WebProperties web) {
        return new LambdaEdge(json, web.maxBodySize().toBytes());
    }

    static final class OnLambda implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Lambda.isLambda(context.getEnvironment()::getProperty);
        }
    }
}
