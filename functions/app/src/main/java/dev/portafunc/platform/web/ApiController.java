package dev.portafunc.platform.web;

import dev.portafunc.platform.RequestBodies;
import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.observability.FunctionObservationConvention;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.Message;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v2}, the JSON API: {@code POST /v2/search}, {@code /v2/manipulate}, {@code /v2/searchManipulate}, one record
 * in, one record out, the output chosen by {@code Accept}. A breaking change goes to {@code /v3} beside it.
 *
 * <p>The functions are invoked through Spring Cloud Function, which composes {@code searchManipulate} (and
 * {@code manipulate|relevance}); this edge adds the contract, one JSON object or a plain-text query per request, and
 * reads that body into the function's input record itself. Handed a message of bytes instead, Spring Cloud Function
 * would parse the body once more to see whether it is a JSON array, and turn each function's output back into JSON for
 * the next one in a composition: a fifth of the CPU of a {@code manipulate} call, measured.
 */
@RestController
class ApiController {

    static final Set<String> FUNCTIONS = Set.of("search", "manipulate", "searchManipulate");

    private final Functions functions;
    private final JsonMapper json;

    ApiController(Functions functions, JsonMapper json) {
        this.functions = functions;
        this.json = json;
    }

    /**
     * The body and its content type are read here rather than bound by Spring MVC ({@code @RequestBody},
     * {@code @RequestHeader}): binding copied every request header into a map and converted the content type through
     * the conversion service, 7% of the samples of a {@code manipulate} call (bench/results/http-2026-11-26.md). The
     * mapping's {@code consumes} has already refused any other content type (415) and a request without one.
     */
    @PostMapping(
            path = "/v2/{name}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Object> invoke(@PathVariable String name, HttpServletRequest request)
            throws NoResourceFoundException, IOException {
        FunctionInvocationWrapper function = FUNCTIONS.contains(name) ? functions.find(name) : null;
        if (function == null) {
            throw new NoResourceFoundException(org.springframework.http.HttpMethod.POST, "/v2/" + name, "");
        }
        FunctionObservationConvention.function(request, name);
        byte[] body = body(request);
        int first = RequestBodies.firstNonBlank(body);
        if (first < 0) {
            throw new InvalidInputException("query", "query must not be empty");
        }
        MediaType contentType = MediaType.parseMediaType(request.getContentType());
        if (MediaType.APPLICATION_JSON.isCompatibleWith(contentType) && first != '{') {
            throw new InvalidInputException("body", "The request body must be one JSON object");
        }
        Object output = function.apply(input(function.getRawInputType(), body, contentType));
        return ResponseEntity.ok(output instanceof Message<?> message ? message.getPayload() : output);
    }

    /**
     * The body, read at its declared length into one array of that size ({@code readAllBytes} reads into a 16 KB
     * buffer first, then copies), or to its end when it declares none. {@link RequestLimitsFilter} has refused a
     * declared length over the limit, and its stream throws past the limit: a 413 problem either way, as when MVC read
     * the body.
     */
    private static byte[] body(HttpServletRequest request) throws IOException {
        int length = request.getContentLength();
        return length >= 0
                ? request.getInputStream().readNBytes(length)
                : request.getInputStream().readAllBytes();
    }

    /** The body as the function's input record: JSON as the record, plain text as the query. */
    private Object input(Class<?> type, byte[] body, MediaType contentType) {
        if (MediaType.TEXT_PLAIN.isCompatibleWith(contentType)) {
            String text = new String(body, StandardCharsets.UTF_8);
            return type == SearchRequest.class ? SearchRequest.of(text) : SearchResults.queryOnly(text);
        }
        return json.readValue(body, type);
    }
}
