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
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(PortafuncApplication.class);
        application.setInitializers(application.getInitializers().stream()
                .filter(initializer -> !(initializer instanceof CustomRuntimeInitializer))
                .toList());
        return application;
    }
}
