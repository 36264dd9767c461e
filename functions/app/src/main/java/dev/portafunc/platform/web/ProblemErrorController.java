package dev.portafunc.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers errors that never reached a handler (rejected by the servlet container or a filter) with a problem too,
 * instead of Spring Boot's default error body.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemWriter writer;

    ProblemErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int code = status instanceof Integer value ? value : 500;
        Exception exception = failure instanceof Exception e ? e : new IllegalStateException("HTTP " + code);
        writer.write(
                failure instanceof Exception e && code >= 500
                        ? ProblemHandler.problem(e)
                        : ProblemHandler.forStatus(code, exception),
                request,
                response);
    }
}
