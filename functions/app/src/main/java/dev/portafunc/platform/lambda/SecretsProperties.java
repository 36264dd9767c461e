package dev.portafunc.platform.lambda;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How secret references ({@code aws-secretsmanager:}, {@code aws-ssm:}) are kept fresh once resolved at start.
 *
 * @param refresh how old a secret may grow before the next call that needs it reads it again, so that a rotated key
 *     needs no redeploy; {@code 0} reads it again only after a SnapStart restore. The extension caches it too (its own
 *     {@code SECRETS_MANAGER_TTL} or {@code SSM_PARAMETER_STORE_TTL}, 300s by default), which adds to the wait
 */
@ConfigurationProperties("portafunc.secrets")
public record SecretsProperties(@DefaultValue("15m") Duration refresh) {

    public SecretsProperties {
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("portafunc.secrets.refresh must not be negative, was " + refresh);
        }
    }
}
