package dev.portafunc.platform.http;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An OpenAPI 3.1 document: its operations, every {@code $ref} followed, and its Schema Objects as validators in the
 * dialect OpenAPI 3.1 uses (JSON Schema 2020-12 with OpenAPI's vocabulary). Only the parts portafunc's document uses
 * are read: local references, exact status codes, no {@code default} response.
 */
final class OpenApiDocument {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** The document's base IRI for the validator: its schemas are found by JSON pointer from it, never fetched. */
    private static final String IRI = "urn:portafunc:openapi";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final JsonNode root;
    private final SchemaRegistry schemas;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        String json = JsonMapper.shared().writeValueAsString(root);
        this.schemas = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(), registry -> registry.schemas(Map.of(IRI, json)));
    }

    static OpenApiDocument parse(String yaml) {
        return new OpenApiDocument(YAML.readTree(yaml));
    }

    JsonNode root() {
        return root;
    }

    /** A node of the document and where it is, as a JSON pointer. */
    record Node(String pointer, JsonNode value) {

        Node get(String name) {
            return new Node(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), value.path(name));
        }

        Node get(int index) {
            return new Node(pointer + "/" + index, value.path(index));
        }

        boolean isMissing() {
            return value.isMissingNode();
        }

        /** Each property of an object, in document order. */
        Stream<Map.Entry<String, Node>> properties() {
            return value.propertyNames().stream().map(name -> Map.entry(name, get(name)));
        }

        Stream<Node> elements() {
            return IntStream.range(0, value.size()).mapToObj(this::get);
        }
    }

    Node at(String pointer) {
        return new Node(pointer, root.at(pointer));
    }

    /** The node a reference leads to, through any chain of references; the node itself when it is none. */
    Node resolve(Node node) {
        Node current = node;
        for (int hops = 0; current.value().has("$ref"); hops++) {
            String ref = current.value().get("$ref").asString();
            if (hops > 20 || !ref.startsWith("#/")) {
                throw new IllegalStateException("Cannot follow " + ref + " from " + node.pointer());
            }
            current = at(ref.substring(1));
            if (current.isMissing()) {
                throw new IllegalStateException(ref + " at " + node.pointer() + " leads nowhere");
            }
        }
        return current;
    }

    /** Every {@code $ref} in the document, with where it is. */
    Map<String, String> references() {
        Map<String, String> refs = new LinkedHashMap<>();
        collectReferences(new Node("", root), refs);
        return refs;
    }

    private static void collectReferences(Node node, Map<String, String> refs) {
        if (node.value().isObject()) {
            if (node.value().path("$ref").isString()) {
                refs.put(node.pointer() + "/$ref", node.value().get("$ref").asString());
            }
            node.properties().forEach(property -> collectReferences(property.getValue(), refs));
        } else if (node.value().isArray()) {
            node.elements().forEach(element -> collectReferences(element, refs));
        }
    }

    /** One operation: a method on a path. */
    record Operation(String method, String path, Node node) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        at("/paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .filter(method -> METHODS.contains(method.getKey()))
                        .forEach(method ->
                                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()))));
        return operations;
    }

    /** The operation's responses by status code, references followed. */
    Map<Integer, Node> responses(Operation operation) {
        Map<Integer, Node> responses = new LinkedHashMap<>();
        operation
                .node()
                .get("responses")
                .properties()
                .forEach(response -> responses.put(Integer.valueOf(response.getKey()), resolve(response.getValue())));
        return responses;
    }

    /** A response's or request body's media types, each with its Media Type Object. */
    static Map<String, Node> content(Node responseOrBody) {
        Map<String, Node> content = new LinkedHashMap<>();
        responseOrBody.get("content").properties().forEach(media -> content.put(media.getKey(), media.getValue()));
        return content;
    }

    /** The operation's parameters, those of its path included, references followed. */
    List<Node> parameters(Operation operation) {
        List<Node> parameters = new ArrayList<>();
        Stream.of(
                        at("/paths").get(operation.path()).get("parameters"),
                        operation.node().get("parameters"))
                .flatMap(Node::elements)
                .map(this::resolve)
                .forEach(parameters::add);
        return parameters;
    }

    /** An example of a request, with the status the document says it gets. */
    record Example(String name, JsonNode value, Integer expectedStatus) {}

    /** The examples of a Media Type or Parameter Object, references followed. */
    List<Example> examples(Node mediaTypeOrParameter) {
        List<Example> examples = new ArrayList<>();
        mediaTypeOrParameter.get("examples").properties().forEach(entry -> {
            Node example = resolve(entry.getValue());
            JsonNode status = example.value().path("x-expected-status");
            examples.add(new Example(
                    entry.getKey(), example.value().path("value"), status.isInt() ? status.intValue() : null));
        });
        return examples;
    }

    /** The Schema Object at this node as a validator; its references resolve within the document. */
    Schema schema(Node schema) {
        Node target = schema.value().size() == 1 && schema.value().has("$ref") ? resolve(schema) : schema;
        return schemas.getSchema(SchemaLocation.of(IRI + "#" + target.pointer()));
    }

    /** What in the instance breaks the schema, each as "/location keyword [property]"; empty when it is valid. */
    List<String> errors(Node schema, JsonNode instance) {
        return describe(schema(schema).validate(instance));
    }

    static List<String> describe(List<Error> errors) {
        return errors.stream()
                .map(error -> {
                    String where = error.getInstanceLocation().toString();
                    return ((where.isEmpty() ? "/" : where) + " " + error.getKeyword() + " "
                                    + Objects.toString(error.getProperty(), ""))
                            .strip();
                })
                .toList();
    }
}
