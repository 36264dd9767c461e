package dev.portafunc.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAPI description of {@code /v1} and {@code /v2}, at {@code /openapi.yaml}, as YAML (RFC 9512). */
@RestController
class ApiDescriptionController {

    static final String YAML = "application/yaml";

    private volatile byte[] document;

    @GetMapping(path = "/openapi.yaml", produces = YAML)
    ResponseEntity<byte[]> openapi() {
        return ResponseEntity.ok(document());
    }

    private byte[] document() {
        byte[] loaded = document;
        if (loaded == null) {
            try (InputStream in = getClass().getResourceAsStream("/api/openapi.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("api/openapi.yaml is missing from the application");
                }
                document = loaded = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}
