package dev.portafunc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.function.adapter.aws.CustomRuntimeInitializer;

/** The portafunc functions, served by Spring Cloud Function over HTTP or to whichever platform runs them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortafuncApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@link #main} starts it. The Lambda adapter's {@link CustomRuntimeInitializer} is left out:
     * it decides whether to serve Lambda's Runtime API, which portafunc's own {@code LambdaRuntimeInitializer} decides
     * first (and also for images, where the adapter's rule fails), and it would initialise the adapter's utilities and
     * their JSON mapper at every start, on every platform (4 MB of RSS at the first response, measured). Public for the
     * start-up benchmark ({@code bench/startup}), which must start the application as {@code main} does.
     *
     * <p>Spring Boot's background pre-initialisation is off (unless the system property says otherwise): it warms up
     * HTTP message converters and a JSON mapper portafunc does not use, on a thread that takes a core from the start on
     * a 1-2 CPU pod (-41 ms and -0.09 CPU-s to the first response, bench/results/levers-2026-12-08.md).
     */
    public static SpringApplication application() {
        System.getProperties().putIfAbsent("spring.backgroundpreinitializer.ignore", "true");
        SpringApplication application = new SpringApplication(PortafuncApplication.class);
        application.setInitializers(application.getInitializers().stream()
                .filter(initializer -> !(initializer instanceof CustomRuntimeInitializer))
                .toList());
        return application;
    }
}
