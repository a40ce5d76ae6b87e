package dev.meshgen.schema.gen;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the bundled upstream schemas (Kubernetes OpenAPI definitions, CRD conversions, Kustomize's
 * Go types) as strict draft 2020-12 documents, and writes them byte-stably; run by {@code UpstreamSchemasTest}.
 */
public final class UpstreamSchemas {
  public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter PRETTY =
      JSON.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private UpstreamSchemas() {}

  /** The text meshgen bundles: keys sorted at every level, two-space indent, {@code \n} line ends. */
  public static String write(JsonNode schema) {
    try {
      return PRETTY.writeValueAsString(sorted(schema)).replace("\" : ", "\": ") + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> out.set(k, sorted(v)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }

  private static Map<String, JsonNode> toMap(JsonNode node) {
    Map<String, JsonNode> out = new TreeMap<>();
    node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
    return out;
  }

  /**
   * A converted CRD schema (CrdConverter output) made into a bundled kind: apiVersion and kind as
   * {@code const}, apiVersion, kind and metadata required, no {@code status} (the cluster writes it).
   */
  public static ObjectNode crdKind(ObjectNode converted, String apiVersion, String kind, String title) {
    ObjectNode out = converted.deepCopy();
    out.put("title", title);
    out.set("required", NODES.arrayNode().add("apiVersion").add("kind").add("metadata"));
    ObjectNode properties = (ObjectNode) out.get("properties");
    properties.set("apiVersion", NODES.objectNode().put("const", apiVersion));
    properties.set("kind", NODES.objectNode().put("const", kind));
    properties.remove("status");
    return out;
  }

  // ---- Kubernetes OpenAPI v2 definitions -------------------------------------------------------

  /**
   * The definitions {@code roots} need, unchanged: each root's, less its {@code status}, and every
   * definition they reach through {@code $ref}. This is the excerpt kept under test resources.
   */
  public static ObjectNode excerpt(JsonNode definitions, List<String> roots) {
    TreeSet<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      JsonNode definition = definitions.get(name);
      if (definition == null) {
        throw new IllegalArgumentException("no definition " + name);
      }
      JsonNode walked = roots.contains(name) ? withoutStatus(definition) : definition;
      refs(walked, todo);
    }
    ObjectNode out = NODES.objectNode();
    seen.forEach(n -> out.set(n, definitions.get(n)));
    return out;
  }

  private static JsonNode withoutStatus(JsonNode definition) {
    ObjectNode copy = definition.deepCopy();
    if (copy.get("properties") instanceof ObjectNode p) {
      p.remove("status");
    }
    return copy;
  }

  private static void refs(JsonNode node, Deque<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        out.add(ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
      }
      node.forEach(n -> refs(n, out));
    } else if (node.isArray()) {
      node.forEach(n -> refs(n, out));
    }
  }

  /**
   * One Kubernetes kind from OpenAPI v2 definitions, the way kubeconform's strict standalone
   * schemas are made: every object with properties refuses other fields, {@code int-or-string}
   * is an integer or a string, a {@code quantity} a string or a number, {@code int32} bounded,
   * descriptions and {@code x-kubernetes-*} annotations left out. The root's metadata is
   * {@code metadataRef} (the project's stricter metadata), its {@code status} is dropped, and
   * every reachable definition goes under {@code $defs} by its upstream name.
   */
  public static ObjectNode kubernetes(JsonNode definitions, String root, String apiVersion, String kind,
      String id, String metadataRef, String title) {
    ObjectNode reached = excerpt(definitions, List.of(root));
    ObjectNode out = NODES.objectNode();
    out.put("$schema", DRAFT);
    out.put("$id", id);
    out.put("title", title);
    ObjectNode body = (ObjectNode) strict(withoutStatus(definitions.get(root)));
    body.fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue()));
    ObjectNode properties = (ObjectNode) out.get("properties");
    properties.set("apiVersion", NODES.objectNode().put("const", apiVersion));
    properties.set("kind", NODES.objectNode().put("const", kind));
    properties.set("metadata", NODES.objectNode().put("$ref", metadataRef));
    out.set("required", NODES.arrayNode().add("apiVersion").add("kind").add("metadata"));
    ObjectNode defs = out.putObject("$defs");
    reached.fields().forEachRemaining(f -> {
      if (!f.getKey().equals(root)) {
        defs.set(f.getKey(), strict(f.getValue()));
      }
    });
    pruneUnreached(out, defs);
    return out;
  }

  /** Drops $defs no longer reachable once the root's metadata points at the project's schema. */
  private static void pruneUnreached(ObjectNode schema, ObjectNode defs) {
    TreeSet<String> keep = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    ObjectNode withoutDefs = schema.deepCopy();
    withoutDefs.remove("$defs");
    refs(withoutDefs, todo);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (defs.has(name) && keep.add(name)) {
        refs(defs.get(name), todo);
      }
    }
    defs.retain(keep);
  }

  private static JsonNode strict(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(n -> out.add(strict(n)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = NODES.objectNode();
    node.fields().forEachRemaining(f -> {
      String key = f.getKey();
      if (key.equals("description") || key.startsWith("x-kubernetes-") || key.equals("x-implements")) {
        return;
      }
      if (key.equals("$ref")) {
        String ref = f.getValue().asText();
        out.put("$ref", "#/$defs/" + ref.substring(ref.lastIndexOf('/') + 1));
      } else if (key.equals("properties")) {
        ObjectNode properties = out.putObject("properties");
        f.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), strict(p.getValue())));
      } else {
        out.set(key, strict(f.getValue()));
      }
    });
    String format = node.path("format").asText("");
    if (format.equals("int-or-string")) {
      out.set("type", NODES.arrayNode().add("integer").add("string"));
      out.remove("format");
    } else if (format.equals("quantity")) {
      out.set("type", NODES.arrayNode().add("number").add("string"));
      out.remove("format");
    } else if (format.equals("int32") && out.path("type").asText().equals("integer")) {
      out.put("minimum", Integer.MIN_VALUE);
      out.put("maximum", Integer.MAX_VALUE);
    }
    if (out.has("properties") && !out.has("additionalProperties")) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** Reads a JSON file. */
  public static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the Kubernetes excerpt from a full OpenAPI v2 document:
   * {@code UpstreamSchemas <swagger.json> <out.json> <definition>...}.
   */
  public static void main(String[] args) throws IOException {
    JsonNode definitions = readJson(Path.of(args[0])).get("definitions");
    ObjectNode excerpt = NODES.objectNode();
    excerpt.set("definitions", excerpt(definitions, List.of(args).subList(2, args.length)));
    Files.writeString(Path.of(args[1]), write(excerpt), StandardCharsets.UTF_8);
  }
}
