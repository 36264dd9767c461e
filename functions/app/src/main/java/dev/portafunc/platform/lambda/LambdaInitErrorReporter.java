package dev.portafunc.platform.lambda;

import dev.portafunc.platform.problem.Problems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells Lambda when the function cannot start ({@code POST /runtime/init/error}), which the adapter's event loop never
 * does: Lambda then reports the failure to the first invocation instead of timing out. The message is the failure's
 * own summary, never a stack trace.
 */
class LambdaInitErrorReporter implements SpringApplicationRunListener {

    LambdaInitErrorReporter(SpringApplication application, String[] args) {}

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (!Lambda.isCustomRuntime(System::getenv)) {
            return;
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Problems.known(exception)
                .map(p -> p.title() + ": " + p.detail())
                .orElse(root.getClass().getSimpleName() + ": " + root.getMessage());
        byte[] body = JsonMapper.shared()
                .writeValueAsBytes(Map.of("errorMessage", message, "errorType", "Runtime.InitError"));
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + System.getenv(Lambda.RUNTIME_API)
                                            + "/2018-06-01/runtime/init/error"))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/vnd.aws.lambda.error+json")
                                    .header("Lambda-Runtime-Function-Error-Type", "Runtime.InitError")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (Exception reportFailed) {
            System.err.println("Could not report the init error to the Lambda Runtime API: " + reportFailed);
        }
        System.err.println(new String(body, StandardCharsets.UTF_8));
    }
}
