package dev.portafunc.search.remote;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code manipulate} gets results when it is given only a query.
 *
 * @param url the URL of a deployed {@code search} function, such as
 *     {@code http://search.default.svc.cluster.local/v2/search}; when unset, {@code manipulate} calls the
 *     {@code search} function in its own process. Only configuration sets it: no request can choose where the call goes.
 * @param connectTimeout how long to wait for a connection to the search function
 * @param readTimeout how long to wait for its answer once connected
 */
@ConfigurationProperties("portafunc.search.remote")
public record RemoteSearchProperties(
        URI url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {}
