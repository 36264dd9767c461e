package dev.portafunc.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

    @Test
    void aW3cTraceparentIsReadAndWrittenBack() {
        TraceParent parent = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .orElseThrow();

        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.sampled()).isTrue();
        assertThat(parent.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void aLaterVersionIsReadAsVersion00() {
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra"))
                .hasValueSatisfying(parent -> assertThat(parent.sampled()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
                "<script>alert(1)</script>"
            })
    void anythingElseIsNoTraceContext(String header) {
        assertThat(TraceParent.parse(header)).isEmpty();
    }

    @Test
    void lambdasXRayHeaderBecomesTheSameTrace() {
        TraceParent parent = TraceParent.fromXRay(
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0")
                .orElseThrow();

        assertThat(parent.header()).isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Root=1-5759e988-bd862e3fe1be46a994272793",
                "Parent=53995c3f42cd8ad8;Sampled=1",
                "Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8",
                "Root=1-5759e988-bd862e3f;Parent=53995c3f42cd8ad8",
                "garbage"
            })
    void anIncompleteXRayHeaderIsNoTraceContext(String header) {
        assertThat(TraceParent.fromXRay(header)).isEmpty();
    }
}
