package dev.portafunc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The portafunc functions, served by Spring Cloud Function over HTTP or to whichever platform runs them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortafuncApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortafuncApplication.class, args);
    }
}
