package dev.portafunc.platform.lambda;

import dev.portafunc.platform.edge.Edge;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.function.adapter.aws.CustomRuntimeEventLoop;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * On AWS Lambda, puts the {@link LambdaEdge} around the functions, lets the adapter hand on events it cannot read
 * ({@link EventReading}), and starts Spring Cloud Function's custom-runtime
 * event loop whenever this process must serve Lambda's Runtime API itself. Decided here, at start-up, from the
 * environment, so that a context generated ahead of time decides it the same way.
 *
 * <p>The adapter's own {@code CustomRuntimeInitializer} starts the loop only when {@code _HANDLER} is set and is not
 * a loadable class. In a container image Lambda sets {@code _HANDLER} from the image's command, whose last word for
 * this image is its main class: a loadable class, so the loop never started and the function silently never served
 * (spring-cloud-function issues 1021 and 1244). Here the rule is simply: {@code AWS_LAMBDA_RUNTIME_API} set, and not
 * the managed Java runtime (whose handler is {@code FunctionInvoker}).
 */
class LambdaRuntimeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(LambdaRuntimeInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!(context instanceof GenericApplicationContext generic)
                || !Lambda.isLambda(context.getEnvironment()::getProperty)) {
            return;
        }
        generic.registerBean(
                "lambdaEdge",
                LambdaEdge.class,
                () -> new LambdaEdge(
                        SingletonSupplier.of(() -> generic.getBean(Edge.class)),
                        generic.getBean(JsonMapper.class),
                        generic.getBeanProvider(ObservationRegistry.class)
                                .getIfAvailable(() -> ObservationRegistry.NOOP),
                        generic.getBean(LambdaProperties.class).embeddedMetrics() ? new EmbeddedMetrics() : null));
        generic.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JacksonMapper mapper && !(bean instanceof EventReading)
                        ? new EventReading(mapper.getObjectMapper())
                        : bean;
            }
        });
        boolean loopRegistered =
                generic.getBeanFactory().getBeanNamesForType(CustomRuntimeEventLoop.class, false, false).length > 0;
        if (!Lambda.isCustomRuntime(context.getEnvironment()::getProperty) || loopRegistered) {
            return;
        }
        log.info(
                "Serving the Lambda Runtime API at {} (handler '{}')",
                context.getEnvironment().getProperty(Lambda.RUNTIME_API),
                context.getEnvironment().getProperty(Lambda.HANDLER, ""));
        generic.registerBean("customRuntimeEventLoop", SmartLifecycle.class, () -> new CustomRuntimeEventLoop(context));
    }

    @Override
    public int getOrder() {
        // Before the adapter's initializer (unordered), so that one finds the loop and leaves it alone.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
