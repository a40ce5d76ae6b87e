package dev.meshgen.schema.gen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict JSON Schema from Go struct types as {@code encoding/json} with
 * {@code DisallowUnknownFields} reads them (how kustomize loads a kustomization.yaml): each
 * exported field by its {@code json} tag name, {@code ,inline} embedded structs merged, {@code -}
 * and unexported fields left out, every struct closed.
 */
public final class UpstreamSchemasGo {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern TYPE = Pattern.compile("(?m)^type\\s+(\\w+)\\s+(struct\\s*\\{|[^\\n{]+$)");
  private static final Pattern TAG = Pattern.compile("json:\"([^\"]*)\"");

  private record Field(String name, String type, boolean inline) {}

  /** A struct's fields, or for a named non-struct type its underlying type. */
  private record GoType(String name, List<Field> fields, String underlying) {}

  private final Map<String, GoType> types = new LinkedHashMap<>();

  private UpstreamSchemasGo(Map<String, String> sources) {
    sources.forEach(this::parse);
  }

  /**
   * The schema of {@code root} from the Go {@code sources} (file name to text): the root struct's
   * properties at the top and every struct or named type it reaches under {@code $defs} by its
   * Go name. {@code apiVersion} and {@code kind} become {@code const}s.
   */
  public static ObjectNode schema(Map<String, String> sources, String root, String apiVersion, String kind,
      String id, String title) {
    UpstreamSchemasGo go = new UpstreamSchemasGo(sources);
    ObjectNode out = NODES.objectNode();
    out.put("$schema", UpstreamSchemas.DRAFT);
    out.put("$id", id);
    out.put("title", title);
    out.setAll(go.struct(go.type(root)));
    ObjectNode properties = (ObjectNode) out.get("properties");
    properties.set("apiVersion", NODES.objectNode().put("const", apiVersion));
    properties.set("kind", NODES.objectNode().put("const", kind));
    out.set("required", NODES.arrayNode().add("apiVersion").add("kind"));
    ObjectNode defs = out.putObject("$defs");
    TreeSet<String> done = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(go.named(go.type(root)));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!done.add(name)) {
        continue;
      }
      GoType t = go.type(name);
      defs.set(name, t.fields() == null ? go.schemaOf(t.underlying()) : go.struct(t));
      todo.addAll(go.named(t));
    }
    return out;
  }

  private GoType type(String name) {
    GoType t = types.get(name);
    if (t == null) {
      throw new IllegalArgumentException("Go type " + name + " is not in the sources");
    }
    return t;
  }

  private void parse(String file, String text) {
    String code = text.replaceAll("(?m)//.*$", "");
    Matcher m = TYPE.matcher(code);
    while (m.find()) {
      String name = m.group(1);
      GoType t;
      if (m.group(2).startsWith("struct")) {
        boolean empty = code.substring(m.end()).stripLeading().startsWith("}");
        int end = empty ? m.end() : code.indexOf("\n}", m.end());
        t = new GoType(name, fields(code.substring(m.end(), end)), null);
      } else {
        t = new GoType(name, null, m.group(2).trim());
      }
      if (types.put(name, t) != null) {
        throw new IllegalArgumentException(file + ": Go type " + name + " is defined twice");
      }
    }
  }

  private static List<Field> fields(String body) {
    List<Field> out = new java.util.ArrayList<>();
    for (String line : body.split("\n")) {
      String tag = null;
      int tick = line.indexOf('`');
      if (tick >= 0) {
        Matcher t = TAG.matcher(line.substring(tick));
        tag = t.find() ? t.group(1) : null;
        line = line.substring(0, tick);
      }
      String[] words = line.trim().split("\\s+");
      if (words[0].isEmpty()) {
        continue;
      }
      String jsonName = tag == null ? "" : tag.split(",", -1)[0];
      boolean inline = tag != null && List.of(tag.split(",")).contains("inline");
      if (words.length == 1) { // embedded: encoding/json merges an embedded struct without a name
        out.add(new Field(null, words[0], jsonName.isEmpty() || inline));
      } else if (!jsonName.equals("-") && Character.isUpperCase(words[0].charAt(0))) {
        out.add(new Field(jsonName.isEmpty() ? words[0] : jsonName, words[1], inline && jsonName.isEmpty()));
      }
    }
    return out;
  }

  private ObjectNode struct(GoType t) {
    ObjectNode out = NODES.objectNode();
    out.put("type", "object");
    ObjectNode properties = out.putObject("properties");
    addFields(t, properties);
    out.put("additionalProperties", false);
    return out;
  }

  private void addFields(GoType t, ObjectNode properties) {
    for (Field f : t.fields()) {
      if (f.inline()) {
        addFields(type(simple(f.type())), properties);
      } else {
        properties.set(f.name(), schemaOf(f.type()));
      }
    }
  }

  private static String simple(String type) {
    String s = type.replaceFirst("^\\*", "");
    return s.substring(s.lastIndexOf('.') + 1);
  }

  private ObjectNode schemaOf(String type) {
    if (type.startsWith("*")) {
      return schemaOf(type.substring(1));
    }
    if (type.equals("[]byte")) {
      return NODES.objectNode().put("type", "string");
    }
    if (type.startsWith("[]")) {
      ObjectNode out = NODES.objectNode().put("type", "array");
      out.set("items", schemaOf(type.substring(2)));
      return out;
    }
    if (type.startsWith("map[string]")) {
      ObjectNode out = NODES.objectNode().put("type", "object");
      out.set("additionalProperties", schemaOf(type.substring("map[string]".length())));
      return out;
    }
    return switch (type) {
      case "string" -> NODES.objectNode().put("type", "string");
      case "bool" -> NODES.objectNode().put("type", "boolean");
      case "int", "int32", "int64", "uint", "uint32", "uint64" -> NODES.objectNode().put("type", "integer");
      case "float32", "float64" -> NODES.objectNode().put("type", "number");
      case "interface{}", "any" -> NODES.objectNode();
      default -> {
        type(simple(type));
        yield NODES.objectNode().put("$ref", "#/$defs/" + simple(type));
      }
    };
  }

  /** The named types {@code t} refers to (its fields' types or its underlying type, inline structs' too). */
  private List<String> named(GoType t) {
    List<String> out = new java.util.ArrayList<>();
    if (t.fields() == null) {
      collect(t.underlying(), out);
      return out;
    }
    for (Field f : t.fields()) {
      if (f.inline()) {
        out.addAll(named(type(simple(f.type()))));
      } else {
        collect(f.type(), out);
      }
    }
    return out;
  }

  private void collect(String type, List<String> out) {
    String s = type.replaceAll("^(\\*|\\[\\]|map\\[string\\])+", "");
    if (s.startsWith("*") || s.startsWith("[]") || s.startsWith("map[")) {
      collect(s, out);
      return;
    }
    if (!List.of("string", "bool", "int", "int32", "int64", "uint", "uint32", "uint64", "float32", "float64",
        "interface{}", "any", "byte").contains(s)) {
      out.add(simple(s));
    }
  }
}
