package dev.portafunc.platform.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the HTTP server listens.
 *
 * @param port the TCP port, {@code PORT} on every platform (8080 unless set); 0 for any free one
 */
@ConfigurationProperties("server")
public record ServerProperties(@DefaultValue("8080") int port) {}
