package dev.meshgen.schema.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a proto3 message and every type it reaches into a strict JSON Schema (draft 2020-12) of
 * its proto3 JSON form: one {@code $defs} entry per message and enum, unknown fields refused,
 * each one-of as "at most one of", types from outside the folder left open and recorded.
 */
final class JsonSchemaGenerator {
  static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
  static final String ENUM_COMMENT =
      "proto3 JSON also accepts an enum value's number; this schema accepts only the names";
  static final String DURATION_MESSAGE = "must be a duration in seconds such as 10s or 1.5s";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A field whose type is defined outside the folder, so its value is not checked. */
  record OpenSpot(String field, String type) {}

  /** One generated schema and the open spots in it. */
  record Result(ObjectNode schema, List<OpenSpot> openSpots) {}

  private final ProtoTypes types;
  private final Map<String, ObjectNode> defs = new TreeMap<>();
  private final Deque<String> pending = new ArrayDeque<>();
  private final Set<String> seen = new HashSet<>();
  private final List<OpenSpot> openSpots = new ArrayList<>();

  private JsonSchemaGenerator(ProtoTypes types) {
    this.types = types;
  }

  /**
   * The schema of a Kubernetes resource whose spec is {@code specMessage}: apiVersion and kind as
   * {@code const}, metadata from {@code metadataRef}, and no status (the cluster writes it).
   */
  static Result resource(ProtoTypes types, String specMessage, String id, String title, String apiVersion,
      String kind, String metadataRef) {
    Objects.requireNonNull(types, "types");
    JsonSchemaGenerator g = new JsonSchemaGenerator(types);
    String specRef = g.reference(types.message(specMessage).fullName());
    g.drain();
    ObjectNode root = NODES.objectNode();
    root.put("$schema", DRAFT);
    root.put("$id", id);
    root.put("title", title);
    root.put("type", "object");
    root.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
    root.put("additionalProperties", false);
    ObjectNode properties = root.putObject("properties");
    properties.putObject("apiVersion").put("const", apiVersion);
    properties.putObject("kind").put("const", kind);
    properties.putObject("metadata").put("$ref", metadataRef);
    properties.putObject("spec").put("$ref", specRef);
    ObjectNode defsNode = root.putObject("$defs");
    g.defs.forEach(defsNode::set);
    return new Result(root, List.copyOf(g.openSpots));
  }

  /** The definitions of {@code message} and everything it reaches, by full name (for tests of the mapping). */
  static Result definitions(ProtoTypes types, String message) {
    JsonSchemaGenerator g = new JsonSchemaGenerator(types);
    g.reference(types.message(message).fullName());
    g.drain();
    ObjectNode out = NODES.objectNode();
    g.defs.forEach(out::set);
    return new Result(out, List.copyOf(g.openSpots));
  }

  private String reference(String fullName) {
    if (seen.add(fullName)) {
      pending.add(fullName);
    }
    return "#/$defs/" + fullName;
  }

  private void drain() {
    while (!pending.isEmpty()) {
      String name = pending.poll();
      ProtoTypes.Resolved r = types.resolve("." + name, "");
      defs.put(name, r.message() != null ? message(r.message()) : enumType(r.enumType()));
    }
  }

  private ObjectNode message(Proto.Message m) {
    ObjectNode out = NODES.objectNode();
    out.put("type", "object");
    out.put("additionalProperties", false);
    ObjectNode properties = NODES.objectNode();
    for (Proto.Field f : m.fields()) {
      if (properties.has(f.jsonName())) {
        throw new IllegalArgumentException(m.fullName() + ": two fields named " + f.jsonName() + " in JSON");
      }
      properties.set(f.jsonName(), field(f, m.fullName()));
    }
    if (!properties.isEmpty()) {
      out.set("properties", properties);
    }
    List<ArrayNode> oneofs = new ArrayList<>();
    for (List<Proto.Field> group : m.oneofs()) {
      if (group.size() > 1) {
        oneofs.add(atMostOne(group));
      }
    }
    if (oneofs.size() == 1) {
      out.set("oneOf", oneofs.get(0));
    } else if (oneofs.size() > 1) {
      ArrayNode all = out.putArray("allOf");
      oneofs.forEach(o -> all.addObject().set("oneOf", o));
    }
    return out;
  }

  /**
   * proto3 lets a one-of hold at most one member: none of them, or exactly one. Written the way
   * Istio's CRDs write it, which Findings reads back as "must set at most one of a, b".
   */
  private static ArrayNode atMostOne(List<Proto.Field> group) {
    ArrayNode oneOf = NODES.arrayNode();
    ArrayNode anyOf = oneOf.addObject().putObject("not").putArray("anyOf");
    for (Proto.Field f : group) {
      anyOf.addObject().putArray("required").add(f.jsonName());
    }
    for (Proto.Field f : group) {
      oneOf.addObject().putArray("required").add(f.jsonName());
    }
    return oneOf;
  }

  private static ObjectNode enumType(Proto.Enum e) {
    ObjectNode out = NODES.objectNode();
    out.put("$comment", ENUM_COMMENT);
    out.put("type", "string");
    ArrayNode values = out.putArray("enum");
    e.values().forEach(values::add);
    return out;
  }

  private JsonNode field(Proto.Field f, String scope) {
    JsonNode value = type(f.type(), scope, f.jsonName());
    if (f.mapKey() != null) {
      ObjectNode map = NODES.objectNode();
      map.put("type", "object");
      String keyPattern = switch (f.mapKey()) {
        case "string" -> null;
        case "bool" -> "^(true|false)$";
        case "uint32", "uint64", "fixed32", "fixed64" -> "^[0-9]+$";
        default -> "^-?[0-9]+$";
      };
      if (keyPattern != null) {
        map.putObject("propertyNames").put("pattern", keyPattern);
      }
      map.set("additionalProperties", value);
      return map;
    }
    if (f.repeated()) {
      ObjectNode list = NODES.objectNode();
      list.put("type", "array");
      list.set("items", value);
      return list;
    }
    return value;
  }

  private JsonNode type(String name, String scope, String field) {
    if (ProtoReader.isScalar(name)) {
      return scalar(name);
    }
    ProtoTypes.Resolved r = types.resolve(name, scope);
    if (r.wellKnown()) {
      return wellKnown(r.fullName());
    }
    if (r.message() != null || r.enumType() != null) {
      return NODES.objectNode().put("$ref", reference(r.fullName()));
    }
    openSpots.add(new OpenSpot(scope + "." + field, r.fullName()));
    return NODES.objectNode()
        .put("description", r.fullName() + " is defined outside the Gloo 2.2.8 API protos, so its fields are not checked")
        .put("type", "object");
  }

  static ObjectNode scalar(String name) {
    ObjectNode out = NODES.objectNode();
    switch (name) {
      case "string", "bytes" -> out.put("type", "string");
      case "bool" -> out.put("type", "boolean");
      case "double", "float" -> out.put("type", "number");
      case "int32", "sint32", "sfixed32" -> out.put("type", "integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
      case "uint32", "fixed32" -> out.put("type", "integer").put("minimum", 0).put("maximum", 4294967295L);
      case "int64", "sint64", "sfixed64" -> {
        // proto3 JSON writes 64-bit integers as strings and reads numbers or strings
        out.putArray("type").add("integer").add("string");
        out.put("pattern", "^-?[0-9]+$");
      }
      case "uint64", "fixed64" -> {
        out.putArray("type").add("integer").add("string");
        out.put("minimum", 0);
        out.put("pattern", "^[0-9]+$");
      }
      default -> throw new IllegalArgumentException("not a scalar: " + name);
    }
    return out;
  }

  static ObjectNode wellKnown(String fullName) {
    ObjectNode out = NODES.objectNode();
    switch (fullName) {
      case "google.protobuf.BoolValue" -> out.put("type", "boolean");
      case "google.protobuf.StringValue", "google.protobuf.BytesValue" -> out.put("type", "string");
      case "google.protobuf.Int32Value" -> out.setAll(scalar("int32"));
      case "google.protobuf.UInt32Value" -> out.setAll(scalar("uint32"));
      case "google.protobuf.Int64Value" -> out.setAll(scalar("int64"));
      case "google.protobuf.UInt64Value" -> out.setAll(scalar("uint64"));
      case "google.protobuf.DoubleValue", "google.protobuf.FloatValue" -> out.put("type", "number");
      case "google.protobuf.Duration" -> out.put("type", "string")
          .put("pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$")
          .put("x-message", DURATION_MESSAGE);
      case "google.protobuf.Timestamp" -> out.put("type", "string").put("format", "date-time");
      case "google.protobuf.FieldMask" -> out.put("type", "string");
      case "google.protobuf.Struct" -> out.put("type", "object");
      case "google.protobuf.Value" -> out.put("description", "any JSON value");
      case "google.protobuf.ListValue" -> out.put("type", "array");
      case "google.protobuf.Empty" -> out.put("type", "object").put("additionalProperties", false);
      case "google.protobuf.Any" -> {
        out.put("type", "object");
        out.putArray("required").add("@type");
        out.putObject("properties").putObject("@type").put("type", "string");
      }
      default -> throw new IllegalArgumentException("no mapping for " + fullName);
    }
    return out;
  }
}
