package dev.portafunc.platform.web;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.HtmlDigestFormat;
import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.observability.FunctionObservationConvention;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.Problems;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.text.Html;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1}, the monolith's contract, kept as it was: the search page with its form, the results as JSON, and the
 * manipulated results as an HTML fragment.
 */
@RestController
class MonolithController {

    private final Functions functions;
    private final HtmlDigestFormat html = new HtmlDigestFormat();

    MonolithController(Functions functions) {
        this.functions = functions;
    }

    /** The page the monolith served: the form prefilled with the text, the manipulated results below. */
    @GetMapping(path = "/v1/{text}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String text) {
        try {
            Digest digest = invoke("manipulate", SearchResults.queryOnly(text)) instanceof Digest d ? d : null;
            return ResponseEntity.ok(page(text, html.render(digest), canonical()));
        } catch (RuntimeException failure) {
            Problem problem = Problems.of(failure);
            FunctionObservationConvention.problem(
                    currentRequest(), problem.type().toString());
            String message = "<p class=\"portafunc-problem\" role=\"alert\"><strong>" + Html.escape(problem.title())
                    + "</strong>: " + Html.escape(problem.detail()) + "</p>\n";
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status());
            if (problem.retryAfterSeconds() != null) {
                answer.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
            }
            return answer.body(page(text, message, canonical()));
        }
    }

    /** The form on its own, or the page for {@code ?q=} as the form submits it. */
    @GetMapping(path = "/v1", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form(@RequestParam(name = "q", required = false) String query) {
        return query == null ? ResponseEntity.ok(page("", "", canonical())) : page(query);
    }

    @GetMapping(path = "/v1/search/{text}", produces = MediaType.APPLICATION_JSON_VALUE)
    Object search(@PathVariable String text) {
        return invoke("search", SearchRequest.of(text));
    }

    @GetMapping(path = "/v1/manipulate/{text}", produces = MediaType.TEXT_HTML_VALUE)
    String manipulate(@PathVariable String text) {
        return html.render((Digest) invoke("manipulate", SearchResults.queryOnly(text)));
    }

    private Object invoke(String function, Object input) {
        FunctionObservationConvention.function(currentRequest(), function);
        return functions.find(function).apply(input);
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    /** This page's absolute URL as the caller sees it, through any proxy's X-Forwarded-* or Forwarded headers. */
    private static String canonical() {
        return ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString();
    }

    private static String page(String text, String results, String canonical) {
        String value = Html.escape(text);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="canonical" href="%s">
                </head>
                <body>
                <header><h1>Search</h1><p><a href="%s">Try the new search page</a></p></header>
                <main>
                <form action="/v1" method="get" role="search">
                <label for="q">Search for</label>
                <input id="q" name="q" type="search" value="%s" maxlength="2048" required>
                <button type="submit">Search</button>
                </form>
                %s</main>
                </body>
                </html>
                """.formatted(
                        text.isBlank() ? "Search" : value + " – Search",
                        Html.escape(canonical),
                        text.isBlank() ? "/" : Html.escape("/?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)),
                        value,
                        results);
    }
}
