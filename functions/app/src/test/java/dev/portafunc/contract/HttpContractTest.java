package dev.portafunc.contract;

import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The HTTP contract against the application started on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpContractTest extends FunctionContract {

    @LocalServerPort
    int port;

    @Override
    protected URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
