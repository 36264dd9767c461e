package dev.portafunc.platform.web;

import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.observability.FunctionObservationConvention;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Set;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.cloud.function.web.util.FunctionWebRequestProcessingHelper;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Spring Cloud Function's own routes, served by its {@link FunctionController}: {@code POST /} runs the deployment's
 * function, {@code POST /search}, {@code /manipulate}, {@code /searchManipulate} (and compositions such as
 * {@code /search|manipulate}) run the one named.
 *
 * <p>This takes the place of spring-cloud-function-web's {@code FunctionHandlerMapping}, which answers every path
 * with the default function (so {@code /v2/..} and {@code /anything} ran it) and looks the function up on every
 * request. Here only the exposed names route to a function, and lookups come from the cached catalog.
 */
final class FunctionRoutes extends RequestMappingHandlerMapping {

    private static final Set<String> METHODS = Set.of("GET", "POST");

    private final Functions functions;
    private final FunctionCatalog catalog;
    private final FunctionProperties properties;
    private final FunctionController controller;

    FunctionRoutes(
            Functions functions,
            FunctionCatalog catalog,
            FunctionProperties properties,
            FunctionController controller) {
        this.functions = functions;
        this.catalog = catalog;
        this.properties = properties;
        this.controller = controller;
        // After the application's own controllers, before the welcome page (which claims "/" for every method) and
        // static resources. It claims only POST / and the exposed function names.
        setOrder(1);
    }

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        detectHandlerMethods(controller);
    }

    @Override
    protected void initHandlerMethods() {
        // Only FunctionController's methods, registered above; not every controller in the context.
    }

    @Override
    protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
        // Decoded, so that a composition sent as /search%7Cmanipulate is the definition search|manipulate.
        String path = UriUtils.decode(initLookupPath(request), StandardCharsets.UTF_8);
        String name = functionName(path);
        boolean root = name.isEmpty();
        if (!(root ? request.getMethod().equals("POST") : functions.isExposed(name))) {
            return null;
        }
        if (!METHODS.contains(request.getMethod())) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), METHODS);
        }
        if (hasDotSegment(path)) {
            // Spring Cloud Function answers asynchronously, and the servlet container refuses to dispatch the answer
            // back to a path with a (decoded) traversal: the request would hang. No function argument needs one.
            throw new RequestRejectedException(
                    ProblemType.MALFORMED_REQUEST, "A function path may not contain '.' or '..' segments");
        }
        HandlerMethod handler = super.getHandlerInternal(request);
        if (handler == null) {
            return null;
        }
        FunctionInvocationWrapper function = FunctionWebRequestProcessingHelper.findFunction(
                properties, HttpMethod.valueOf(request.getMethod()), catalog, new RequestAttributes(request), path);
        if (function == null) {
            return null;
        }
        request.setAttribute(WebRequestConstants.HANDLER, function);
        FunctionObservationConvention.function(request, root ? functions.deployedName() : name);
        return handler;
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String functionName(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    /** Spring Cloud Function records what it found in a map; these go straight into request attributes. */
    private static final class RequestAttributes extends HashMap<String, Object> {

        private final transient HttpServletRequest request;

        RequestAttributes(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public Object put(String key, Object value) {
            request.setAttribute(key, value);
            return value;
        }
    }
}
