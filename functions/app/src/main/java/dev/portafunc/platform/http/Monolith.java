package dev.portafunc.platform.http;

import dev.portafunc.platform.edge.Answer;
import dev.portafunc.platform.edge.Call;
import dev.portafunc.platform.edge.Edge;
import dev.portafunc.text.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /v1}, the monolith's contract, kept as it was: the search page with its form, the results as JSON, and the
 * manipulated results as an HTML fragment. Each is a call through the {@link Edge}, like any other route; only the
 * page around the digest is made here.
 */
final class Monolith {

    private static final String HTML = "text/html";

    private final Edge edge;

    Monolith(Edge edge) {
        this.edge = edge;
    }

    /** {@code GET /v1}: the form on its own, or the page for {@code ?q=} as the form submits it. */
    void form(Exchange exchange) {
        String query = exchange.query("q");
        if (query == null) {
            exchange.send(200, HTML + ";charset=UTF-8", page("", "", canonical(exchange)));
        } else {
            page(exchange, query);
        }
    }

    /** {@code GET /v1/{text}}: the form prefilled with the text, the manipulated results below, or the problem. */
    void page(Exchange exchange, String text) {
        Answer answer = edge.call(Call.text("manipulate", text, HTML));
        exchange.function = answer.function();
        exchange.problem = answer.problemLabel();
        if (!answer.isProblem()) {
            String digest = new String(answer.body(), StandardCharsets.UTF_8);
            exchange.send(200, HTML + ";charset=UTF-8", page(text, digest, canonical(exchange)));
            return;
        }
        String message = "<p class=\"portafunc-problem\" role=\"alert\"><strong>"
                + Html.escape(answer.problem().title()) + "</strong>: "
                + Html.escape(answer.problem().detail()) + "</p>\n";
        if (answer.problem().retryAfterSeconds() != null) {
            exchange.header("Retry-After", answer.problem().retryAfterSeconds());
        }
        exchange.send(answer.status(), HTML + ";charset=UTF-8", page(text, message, canonical(exchange)));
    }

    /** {@code GET /v1/search/{text}}: the results as JSON. */
    void search(Exchange exchange, String text) {
        exchange.answer(edge.call(Call.text("search", text, exchange.header("Accept"))));
    }

    /** {@code GET /v1/manipulate/{text}}: the manipulated results as an HTML fragment. */
    void manipulate(Exchange exchange, String text) {
        exchange.answer(edge.call(Call.text("manipulate", text, HTML)));
    }

    /** This page's absolute URL as the caller sees it, through any proxy's X-Forwarded-* or Forwarded headers. */
    private static String canonical(Exchange exchange) {
        var uri = exchange.request.getHttpURI();
        return exchange.origin() + uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    }

    private static byte[] page(String text, String results, String canonical) {
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
                        results)
                .getBytes(StandardCharsets.UTF_8);
    }
}
