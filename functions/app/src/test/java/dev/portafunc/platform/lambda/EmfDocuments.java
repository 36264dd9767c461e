package dev.portafunc.platform.lambda;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a line of output against "Specification: Embedded metric format": the document structure, with the schema in
 * {@code specs/aws-cloudwatch/} (see its README), and the references the schema cannot follow.
 */
final class EmfDocuments {

    static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012())
            .getSchema(SchemaLocation.of("classpath:specs/aws-cloudwatch/emf.schema.json"));

    private EmfDocuments() {}

    /** Whether a line of output is meant as a document: a JSON object with an {@code _aws} member. */
    static boolean isDocument(String line) {
        return line.startsWith("{\"_aws\":");
    }

    /** What is wrong with a line as a document; empty when it is one. */
    static List<String> violations(String line) {
        List<String> violations = new ArrayList<>();
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(line);
        } catch (JacksonException e) {
            return List.of("not one JSON value: " + e.getOriginalMessage());
        }
        if (!line.equals(line.strip())) {
            violations.add("data before or after the object");
        }
        SCHEMA.validate(root).forEach(error -> violations.add(error.getInstanceLocation() + " " + error.getMessage()));
        if (!violations.isEmpty()) {
            return violations;
        }
        for (JsonNode directive : root.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode dimensions : directive.get("Dimensions")) {
                for (JsonNode key : dimensions) {
                    JsonNode target = root.get(key.asString());
                    if (target == null
                            || !target.isString()
                            || target.asString().length() > 1024) {
                        violations.add("dimension " + key.asString() + " is not a string member of the root node");
                    }
                }
            }
            for (JsonNode metric : directive.get("Metrics")) {
                JsonNode target = root.get(metric.get("Name").asString());
                boolean number = target != null && target.isNumber();
                boolean numbers = target != null
                        && target.isArray()
                        && target.size() <= 100
                        && target.valueStream().allMatch(JsonNode::isNumber);
                if (!number && !numbers) {
                    violations.add("metric " + metric.get("Name").asString()
                            + " is not a number (or array of numbers) on the root node");
                }
            }
        }
        return violations;
    }
}
