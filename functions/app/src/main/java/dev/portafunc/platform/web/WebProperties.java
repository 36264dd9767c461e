package dev.portafunc.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge.
 *
 * @param maxBodySize the largest request body accepted; larger ones are answered 413 before they are read
 */
@ConfigurationProperties("portafunc.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
