package dev.portafunc.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.PortafuncApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Settings that can never work stop the start with one plain message that lists every problem, and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingsTest {

    @Test
    void everyMissingSettingIsNamedAtOnceWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> PortafuncApplication.application()
                        .run(
                                "--server.port=0",
                                "--portafunc.search.provider=google,searxng,nosuch",
                                "--logging.structured.format.console=none"))
                .isNotNull();

        assertThat(output.getAll())
                .contains("portafunc cannot start with these settings:")
                .contains("portafunc.search.google.api-key (env PORTAFUNC_SEARCH_GOOGLE_API_KEY")
                .contains("portafunc.search.google.engine-id (env PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID)")
                .contains("portafunc.search.searxng.url (env PORTAFUNC_SEARCH_SEARXNG_URL)")
                .contains("'nosuch' is not a provider")
                .doesNotContain("\tat ", "BeanCreationException");
    }
}
