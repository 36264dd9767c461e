package dev.portafunc.platform.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files served as they are: the search page and its assets ({@code classpath:/static/}) and the API's description
 * ({@code /openapi.yaml}). Only these names are served; each is read once, on first request.
 */
final class StaticFiles {

    /** A file and what it is served as. */
    record File(byte[] body, String contentType, String etag) {}

    /** Where a served file is on the class path, and what it is served as. */
    private record Source(String resource, String contentType) {}

    private static final Source PAGE = new Source("static/index.html", "text/html;charset=UTF-8");
    private static final Map<String, Source> FILES = Map.of(
            "", PAGE,
            "index.html", PAGE,
            "app.js", new Source("static/app.js", "text/javascript;charset=UTF-8"),
            "app.css", new Source("static/app.css", "text/css;charset=UTF-8"),
            "config.js", new Source("static/config.js", "text/javascript;charset=UTF-8"),
            "openapi.yaml", new Source("api/openapi.yaml", "application/yaml"));

    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    static boolean has(String name) {
        return FILES.containsKey(name);
    }

    File get(String name) {
        return loaded.computeIfAbsent(name, StaticFiles::load);
    }

    private static File load(String name) {
        Source source = FILES.get(name);
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(source.resource())) {
            if (in == null) {
                throw new IllegalStateException(source.resource() + " is missing from the application");
            }
            byte[] body = in.readAllBytes();
            String etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12) + "\"";
            return new File(body, source.contentType(), etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
