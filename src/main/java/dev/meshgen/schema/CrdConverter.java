package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts one CRD version's {@code openAPIV3Schema} to a strict draft 2020-12 JSON Schema, the way
 * kubeconform's {@code openapi2jsonschema} does in strict mode, with the root denied too:
 *
 * <ul>
 *   <li>every object with {@code properties} refuses other fields ({@code additionalProperties:
 *       false}) unless it says {@code x-kubernetes-preserve-unknown-fields: true};
 *   <li>{@code x-kubernetes-int-or-string: true} becomes {@code type: [integer, string]};
 *   <li>{@code nullable: true} also allows null;
 *   <li>{@code int32}/{@code uint32} formats become bounds (what the API server checks); other
 *       formats stay annotations;
 *   <li>OpenAPI 3.0's boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} become numbers;
 *   <li>the root allows {@code apiVersion}, {@code kind} and the project's {@code metadata} schema.
 * </ul>
 *
 * <p>Unlike the Python script, the strictness goes only through the structural part of the schema
 * ({@code properties}, {@code items}, {@code additionalProperties}); the {@code allOf}/{@code anyOf}/
 * {@code oneOf}/{@code not} branches are value checks (Istio's one-ofs), and closing them would
 * turn a valid resource invalid.
 */
final class CrdConverter {
  static final String METADATA_REF = BuiltInSchemas.BASE + "common.json#/$defs/objectMeta";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CrdConverter() {}

  /**
   * True when {@code openApi} accepts any spec: the root or its {@code spec} preserves unknown
   * fields, or {@code spec} has no properties at all. Such a schema checks nothing a strict one
   * does not.
   */
  static boolean isOpen(JsonNode openApi) {
    if (openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return true;
    }
    JsonNode spec = openApi.path("properties").path("spec");
    return !spec.isObject()
        || spec.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || (!spec.path("properties").isObject() || spec.path("properties").isEmpty())
            && !spec.path("additionalProperties").isObject();
  }

  /** The JSON Schema for {@code openApi}, identified by {@code id}. */
  static ObjectNode convert(JsonNode openApi, String id, boolean keepDescriptions) {
    ObjectNode root = NODES.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", id);
    ObjectNode body = structural(openApi, keepDescriptions);
    body.remove("$schema");
    body.remove("$id");
    root.setAll(body);
    ObjectNode properties = root.has("properties") && root.get("properties").isObject()
        ? (ObjectNode) root.get("properties")
        : root.putObject("properties");
    ObjectNode top = NODES.objectNode();
    top.set("apiVersion", NODES.objectNode().put("type", "string"));
    top.set("kind", NODES.objectNode().put("type", "string"));
    top.set("metadata", NODES.objectNode().put("$ref", METADATA_REF));
    properties.fieldNames().forEachRemaining(name -> {
      if (!top.has(name)) {
        top.set(name, properties.get(name));
      }
    });
    root.set("properties", top);
    if (!root.has("type")) {
      root.put("type", "object");
    }
    if (!root.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      root.put("additionalProperties", false);
    }
    return root;
  }

  private static ObjectNode structural(JsonNode node, boolean keepDescriptions) {
    ObjectNode out = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), structural(p.getValue(), keepDescriptions)));
        }
        case "items", "additionalProperties" -> out.set(key, value.isObject() ? structural(value, keepDescriptions) : value.deepCopy());
        case "allOf", "anyOf", "oneOf", "not" -> out.set(key, valueChecks(value, keepDescriptions));
        case "description" -> {
          if (keepDescriptions) {
            out.set(key, value);
          }
        }
        case "nullable", "x-kubernetes-int-or-string" -> { } // applied below
        default -> out.set(key, value.deepCopy());
      }
    }
    if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
      ArrayNode types = out.putArray("type");
      types.add("integer").add("string");
    }
    bounds(out);
    exclusiveBounds(out);
    if (node.path("nullable").asBoolean(false)) {
      allowNull(out);
    }
    boolean open = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (node.path("x-kubernetes-embedded-resource").asBoolean(false) && out.has("properties")) {
      ObjectNode properties = (ObjectNode) out.get("properties");
      properties.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("metadata", NODES.objectNode().put("type", "object"));
    }
    if (out.has("properties") && !out.has("additionalProperties") && !open) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** allOf/anyOf/oneOf/not: copied, only adapted to draft 2020-12, never closed. */
  private static JsonNode valueChecks(JsonNode node, boolean keepDescriptions) {
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(n -> out.add(valueChecks(n, keepDescriptions)));
      return out;
    }
    if (!node.isObject()) {
      return node.deepCopy();
    }
    ObjectNode out = NODES.objectNode();
    node.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("description") || keepDescriptions) {
        out.set(f.getKey(), f.getValue().isContainerNode() ? valueChecks(f.getValue(), keepDescriptions) : f.getValue());
      }
    });
    exclusiveBounds(out);
    return out;
  }

  private static void bounds(ObjectNode out) {
    String format = out.path("format").asText("");
    if (!out.path("type").asText("").equals("integer")) {
      return;
    }
    if (format.equals("int32")) {
      out.putIfAbsent("minimum", NODES.numberNode(Integer.MIN_VALUE));
      out.putIfAbsent("maximum", NODES.numberNode(Integer.MAX_VALUE));
    } else if (format.equals("uint32")) {
      out.putIfAbsent("minimum", NODES.numberNode(0));
      out.putIfAbsent("maximum", NODES.numberNode(4294967295L));
    }
  }

  /** OpenAPI 3.0 says {@code exclusiveMinimum: true} beside {@code minimum}; 2020-12 wants the number. */
  private static void exclusiveBounds(ObjectNode out) {
    for (String[] pair : new String[][] {{"exclusiveMinimum", "minimum"}, {"exclusiveMaximum", "maximum"}}) {
      JsonNode flag = out.get(pair[0]);
      if (flag != null && flag.isBoolean()) {
        out.remove(pair[0]);
        if (flag.asBoolean() && out.has(pair[1])) {
          out.set(pair[0], out.remove(pair[1]));
        }
      }
    }
  }

  private static void allowNull(ObjectNode out) {
    JsonNode type = out.get("type");
    if (type != null && type.isTextual()) {
      out.putArray("type").add(type.asText()).add("null");
    } else if (type != null && type.isArray() && !containsText(type, "null")) {
      ((ArrayNode) type).add("null");
    }
    JsonNode values = out.get("enum");
    if (values != null && values.isArray() && !containsNull(values)) {
      ((ArrayNode) values).addNull();
    }
  }

  private static boolean containsText(JsonNode array, String text) {
    for (JsonNode n : array) {
      if (n.asText().equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsNull(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isNull()) {
        return true;
      }
    }
    return false;
  }
}
