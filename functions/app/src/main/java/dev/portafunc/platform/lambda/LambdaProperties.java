package dev.portafunc.platform.lambda;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What portafunc adds on AWS Lambda.
 *
 * @param embeddedMetrics whether each invocation writes its metrics to stdout in CloudWatch's Embedded Metric Format
 *     (namespace {@code portafunc}; see {@link EmbeddedMetrics}), which CloudWatch turns into custom metrics, each
 *     billed as one
 */
@ConfigurationProperties("portafunc.lambda")
public record LambdaProperties(@DefaultValue("true") boolean embeddedMetrics) {}
