package dev.portafunc.platform.edge;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.platform.edge.Formats.Format;
import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.function.Functions.Target;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.Problems;
import dev.portafunc.platform.problem.RequestRejectedException;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way into a function, whatever the transport: find the function (exposed ones only), negotiate the answer's
 * format, decode and validate the body, invoke through Spring Cloud Function's catalog, encode; any failure becomes its
 * problem through {@link Problems}. HTTP, CloudEvents and Lambda each translate only their own envelope into a
 * {@link Call} and an {@link Answer} back.
 */
public final class Edge {

    private final Functions functions;
    private final Bodies bodies;
    private final JsonMapper json;

    public Edge(Functions functions, JsonMapper json, long maxBodySize) {
        this.functions = functions;
        this.bodies = new Bodies(json, maxBodySize);
        this.json = json;
    }

    public Answer call(Call call) {
        return call(call, target(call.function()));
    }

    /** The function a call names, or the deployment's own for none; null when no exposed function has that name. */
    private Target target(String function) {
        return function == null ? functions.deployed() : functions.find(function);
    }

    /**
     * A call to a function already found: the deployment's function as its platform's adapter found it (Lambda's
     * handler), which must be the one invoked, as Spring Cloud Function is applying it at that moment; null for none.
     */
    public Answer call(Call call, Target target) {
        String name = nameOf(target);
        try {
            if (target == null) {
                throw new RequestRejectedException(ProblemType.NOT_FOUND);
            }
            // Before the body is read or anything is spent upstream: a caller that can take no answer gets none.
            Format format = Formats.negotiate(call.accept(), target.outputType())
                    .orElseThrow(() -> new RequestRejectedException(ProblemType.NOT_ACCEPTABLE));
            Object input = bodies.decode(call.body(), call.contentType(), target.inputType());
            Object output = target.function().apply(input);
            if (output instanceof Message<?> message) {
                output = message.getPayload();
            }
            byte[] body = format.digest() == null
                    ? json.writeValueAsBytes(output)
                    : format.digest().render((Digest) output).getBytes(StandardCharsets.UTF_8);
            return new Answer(200, format.contentType(), body, name, output, null);
        } catch (RuntimeException failure) {
            return problem(Problems.of(failure), name);
        }
    }

    /** A problem as an answer, for failures a transport meets before it has a call (such as an unknown path). */
    public Answer problem(Problem problem, String function) {
        return new Answer(
                problem.status(), Problem.MEDIA_TYPE, json.writeValueAsBytes(problem), function, null, problem);
    }

    /** The largest body a transport should read for a call; a longer one is answered 413. */
    public long maxBodySize() {
        return bodies.maxSize();
    }

    /**
     * The 413 problem for a body a transport stopped reading at {@link #maxBodySize()}, sent to {@code function} (null
     * for the deployment's own).
     */
    public Answer bodyTooLarge(String function) {
        return problem(Problems.of(Bodies.tooLarge(bodies.maxSize())), nameOf(target(function)));
    }

    private static String nameOf(Target target) {
        return target == null ? Answer.NO_FUNCTION : target.name();
    }

    public Functions functions() {
        return functions;
    }
}
