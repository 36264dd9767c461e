import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.ManipulateFunction;
import dev.portafunc.manipulate.Manipulator;
import dev.portafunc.search.ResilienceProperties;
import dev.portafunc.search.SearchFunction;
import dev.portafunc.search.SearchProperties;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.local.CorpusFile;
import dev.portafunc.search.local.CorpusReader;
import dev.portafunc.search.local.LocalIndex;
import dev.portafunc.search.local.LocalSearchProvider;
import dev.portafunc.search.local.ShippedIndex;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogInitializer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The floor under a cold start of portafunc on Spring, for bench/startup/floor.sh: portafunc's own functions (the
 * shipped local index, {@code search}, {@code manipulate}, and the two composed by Spring Cloud Function's catalog)
 * registered functionally, with no auto-configuration, behind the JDK's HTTP server. Started by Spring Cloud Function's
 * {@code FunctionalSpringApplication}, a Spring Boot application; with {@code --without-boot}, in a plain Spring
 * context with only Spring Cloud Function's catalog initializer (no Spring Boot environment, configuration files,
 * logging set-up or listeners; Logback's default console output at INFO); with {@code --without-boot --platform},
 * the same plus what any runtime of portafunc needs, set up by hand: {@code application.properties} in the
 * environment, Spring Boot's logging system (its structured logs), two configuration records bound by Spring Boot's
 * {@code Binder}, and a Prometheus registry with the JVM's metrics and an observation handler.
 *
 * <p>A measurement, not a way to run portafunc: it serves {@code POST /v2/{name}} with a JSON or plain-text body and
 * answers JSON, and nothing else the application does (content negotiation, problems, CloudEvents, metrics, tracing,
 * configuration, the other providers). What the application takes to start beyond it is what those and Spring Boot's
 * auto-configured web stack add.
 */
public class FunctionalFloor implements ApplicationContextInitializer<GenericApplicationContext> {

    public static void main(String[] args) throws IOException {
        List<String> options = List.of(args);
        if (!options.contains("--without-boot")) {
            FunctionalSpringApplication.run(FunctionalFloor.class, args);
            return;
        }
        GenericApplicationContext context = new GenericApplicationContext();
        if (options.contains("--platform")) {
            platform(context);
        } else {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.INFO);
        }
        System.setProperty("spring.functional.enabled", "true");
        new FunctionalFloor().initialize(context);
        new ContextFunctionCatalogInitializer().initialize(context);
        context.refresh();
        context.registerShutdownHook();
    }

    /** What Spring Boot's start would otherwise give a runtime of portafunc, set up by hand. */
    private static void platform(GenericApplicationContext context) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        LoggingSystem logging = LoggingSystem.get(FunctionalFloor.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        ConfigurationPropertySources.attach(environment);
        Binder binder = Binder.get(environment);
        SearchProperties search = binder.bindOrCreate("portafunc.search", SearchProperties.class);
        ResilienceProperties resilience = binder.bindOrCreate("portafunc.search.resilience", ResilienceProperties.class);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        context.setEnvironment(environment);
        context.registerBean(PrometheusMeterRegistry.class, () -> registry);
        context.registerBean(ObservationRegistry.class, () -> observations);
        context.registerBean(SearchProperties.class, () -> search);
        context.registerBean(ResilienceProperties.class, () -> resilience);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        context.registerBean("floorJson", JsonMapper.class, () -> JsonMapper.builder()
                .addModule(new BlackbirdModule())
                .build());
        context.registerBean(
                "searchFunction", SearchFunction.class, () -> new SearchFunction(new LocalSearchProvider(index())));
        context.registerBean("search", FunctionRegistration.class, () -> new FunctionRegistration<>(
                        context.getBean(SearchFunction.class), "search")
                .type(FunctionTypeUtils.functionType(SearchRequest.class, SearchResults.class)));
        context.registerBean("manipulate", FunctionRegistration.class, () -> new FunctionRegistration<>(
                        new ManipulateFunction(
                                new Manipulator(),
                                request -> context.getBean(SearchFunction.class).search(request)),
                        "manipulate")
                .type(FunctionTypeUtils.functionType(SearchResults.class, Digest.class)));
        context.registerBean("floorEdge", Edge.class, () -> new Edge(
                context.getBean(FunctionCatalog.class), context.getBean("floorJson", JsonMapper.class)));
    }

    /** The shipped index, opened as the application opens it (LocalSearchConfiguration). */
    private static LocalIndex index() {
        PathMatchingResourcePatternResolver classpath = new PathMatchingResourcePatternResolver();
        List<CorpusFile> files = new ArrayList<>();
        try {
            for (Resource resource : classpath.getResources("classpath*:" + ShippedIndex.CORPUS + "**/*.*")) {
                String url = resource.getURL().toString();
                String path = url.substring(url.lastIndexOf(ShippedIndex.CORPUS) + ShippedIndex.CORPUS.length());
                if (CorpusReader.isCorpusFile(path)) {
                    files.add(new CorpusFile(path, resource.getContentAsByteArray()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ShippedIndex.load(classpath.getClassLoader(), files).index();
    }

    /** {@code POST /v2/{name}} and the probes on the JDK's HTTP server, each request on a virtual thread. */
    static final class Edge implements SmartLifecycle {

        private final FunctionCatalog catalog;
        private final JsonMapper json;
        private final Map<String, FunctionInvocationWrapper> functions = new ConcurrentHashMap<>();
        private HttpServer server;

        Edge(FunctionCatalog catalog, JsonMapper json) {
            this.catalog = catalog;
            this.json = json;
        }

        @Override
        public void start() {
            int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
            try {
                server = HttpServer.create(new InetSocketAddress(port), 256);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        private FunctionInvocationWrapper find(String name) {
            String definition = switch (name) {
                case "search", "manipulate" -> name;
                case "searchManipulate" -> "search|manipulate";
                default -> null;
            };
            return definition == null ? null : functions.computeIfAbsent(definition, catalog::lookup);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/_/ready") || path.equals("/_/health")) {
                    send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                FunctionInvocationWrapper function = path.startsWith("/v2/") ? find(path.substring(4)) : null;
                if (function == null || !exchange.getRequestMethod().equals("POST")) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                Object input;
                if (contentType != null && contentType.startsWith("text/plain")) {
                    String query = new String(body, StandardCharsets.UTF_8);
                    input = function.getRawInputType() == SearchRequest.class
                            ? SearchRequest.of(query)
                            : SearchResults.queryOnly(query);
                } else {
                    input = json.readValue(body, function.getRawInputType());
                }
                Object output = function.apply(input);
                Object result = output instanceof Message<?> message ? message.getPayload() : output;
                send(exchange, 200, "application/json", json.writeValueAsBytes(result));
            } catch (RuntimeException e) {
                send(exchange, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
            } finally {
                exchange.close();
            }
        }

        private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void stop() {
            server.stop(0);
        }

        @Override
        public boolean isRunning() {
            return server != null;
        }
    }
}
