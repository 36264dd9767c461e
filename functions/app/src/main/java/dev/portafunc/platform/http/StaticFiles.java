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

    private static final Map<String, String[]> FILES = Map.of(
            "", new String[] {"static/index.html", "text/html;charset=UTF-8"},
            "index.html", new String[] {"static/index.html", "text/html;charset=UTF-8"},
            "app.js", new String[] {"static/app.js", "text/javascript;charset=UTF-8"},
            "app.css", new String[] {"static/app.css", "text/css;charset=UTF-8"},
            "config.js", new String[] {"static/config.js", "text/javascript;charset=UTF-8"},
            "openapi.yaml", new String[] {"api/openapi.yaml", "application/yaml"});

    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    static boolean has(String name) {
        return FILES.containsKey(name);
    }

    File get(String name) {
        return loaded.computeIfAbsent(name, StaticFiles::load);
    }

    private static File load(String name) {
        String[] file = FILES.get(name);
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(file[0])) {
            if (in == null) {
                throw new IllegalStateException(file[0] + " is missing from the application");
            }
            byte[] body = in.readAllBytes();
            String etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12) + "\"";
            return new File(body, file[1], etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
