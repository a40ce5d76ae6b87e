package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.yaml.YamlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed document as the JSON tree the schema library checks, with the line and column of
 * every key and value by JSON pointer, so that a violation can point at the text that caused it.
 * It is converted from the {@link YamlNode} the document was parsed into once; nothing here reads
 * YAML text.
 */
final class LocatedYaml {
  /** A 1-based line and column in the YAML text. */
  record Position(int line, int column) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;

  private LocatedYaml(JsonNode root, Map<String, Position> values, Map<String, Position> keys) {
    this.root = root;
    this.values = values;
    this.keys = keys;
  }

  /**
   * The JSON tree of {@code node}, recording positions only when {@code locate}: most documents are
   * valid and need none.
   */
  static LocatedYaml of(YamlNode node, boolean locate) {
    Map<String, Position> values = locate ? new HashMap<>() : Map.of();
    Map<String, Position> keys = locate ? new HashMap<>() : Map.of();
    JsonNode root = convert(node, "", locate, values, keys);
    return new LocatedYaml(root, values, keys);
  }

  private static JsonNode convert(YamlNode node, String pointer, boolean locate, Map<String, Position> values,
      Map<String, Position> keys) {
    if (locate) {
      values.put(pointer, position(node.location()));
    }
    if (node instanceof YamlNode.Mapping m) {
      ObjectNode o = NODES.objectNode();
      m.entries().forEach((k, e) -> {
        String child = locate ? pointer + "/" + escape(k) : "";
        if (locate) {
          keys.put(child, position(e.keyLocation()));
        }
        o.set(k, convert(e.value(), child, locate, values, keys));
      });
      return o;
    }
    if (node instanceof YamlNode.Sequence s) {
      ArrayNode a = NODES.arrayNode();
      for (YamlNode item : s.items()) {
        a.add(convert(item, locate ? pointer + "/" + a.size() : "", locate, values, keys));
      }
      return a;
    }
    if (node instanceof YamlNode.Scalar sc) {
      Object v = sc.value();
      if (v == null) {
        return NODES.nullNode();
      }
      if (v instanceof String str) {
        return NODES.textNode(str);
      }
      if (v instanceof Long l) {
        return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
      }
      if (v instanceof Double d) {
        return NODES.numberNode(d);
      }
      if (v instanceof Boolean b) {
        return NODES.booleanNode(b);
      }
      return NODES.textNode(String.valueOf(v));
    }
    return NODES.missingNode();
  }

  private static Position position(Location l) {
    return l.line() <= 0 ? new Position(0, 0) : new Position(l.line(), l.column());
  }

  JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} starts, or null. */
  Position valueAt(String pointer) {
    return values.get(pointer);
  }

  /** Where the key naming the value at {@code pointer} was written, or null (root, list items). */
  Position keyAt(String pointer) {
    return keys.get(pointer);
  }

  /**
   * The best place to report a finding about the value at {@code pointer}: a scalar itself, the key
   * of a mapping or list, else the nearest ancestor that was written.
   */
  Position locate(String pointer) {
    String p = pointer;
    while (true) {
      JsonNode node = root.at(p);
      Position key = keys.get(p);
      if (key != null && node.isContainerNode()) {
        return key;
      }
      Position value = values.get(p);
      if (value != null) {
        return value;
      }
      if (key != null) {
        return key;
      }
      if (p.isEmpty()) {
        return new Position(0, 0);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  static String pointer(List<Object> segments) {
    StringBuilder b = new StringBuilder();
    for (Object s : segments) {
      b.append('/').append(escape(String.valueOf(s)));
    }
    return b.toString();
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
