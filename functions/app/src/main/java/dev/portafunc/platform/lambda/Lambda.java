package dev.portafunc.platform.lambda;

import java.util.function.Function;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/** What the environment says about AWS Lambda: whether this process runs there, and how. */
final class Lambda {

    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
    static final String HANDLER = "_HANDLER";

    private Lambda() {}

    /** Whether this process runs in a Lambda execution environment (any runtime). */
    static boolean isLambda(Function<String, String> environment) {
        return environment.apply(RUNTIME_API) != null
                || environment.apply("AWS_LAMBDA_FUNCTION_NAME") != null
                || environment.apply("LAMBDA_TASK_ROOT") != null;
    }

    /** Whether Lambda is initialising this environment to snapshot it (SnapStart). */
    static boolean isSnapStart(Function<String, String> environment) {
        return "snap-start".equals(environment.apply("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    /**
     * Whether this process must serve the Runtime API itself (a container image, or a custom runtime), rather than
     * being driven by the managed Java runtime through {@link FunctionInvoker}.
     */
    static boolean isCustomRuntime(Function<String, String> environment) {
        return environment.apply(RUNTIME_API) != null && !isManagedHandler(environment.apply(HANDLER));
    }

    /** The managed Java runtime names a handler class: Spring Cloud Function's {@link FunctionInvoker}. */
    static boolean isManagedHandler(String handler) {
        if (handler == null || handler.isBlank()) {
            return false;
        }
        String className = handler.split("::", 2)[0].strip();
        try {
            return FunctionInvoker.class.isAssignableFrom(
                    Class.forName(className, false, Lambda.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
