package dev.portafunc.search.google;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A deployment with Google in its provider chain is told, as it starts, that the API ends and what happens then. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "portafunc.search.provider=google,local",
            "portafunc.search.google.api-key=AIza-end-notice-test",
            "portafunc.search.google.engine-id=cx"
        })
@ExtendWith(OutputCaptureExtension.class)
class GoogleEndNoticeTest {

    @Test
    void theStartSaysWhenTheApiEndsAndWhereSearchesGoThen(CapturedOutput output) {
        String notice = output.getAll()
                .lines()
                .filter(line -> line.contains("Custom Search JSON API"))
                .findFirst()
                .orElseThrow();

        assertThat(notice).contains("\"level\":\"WARN\"", "2027-01-01", "its searches go to local");
    }
}
