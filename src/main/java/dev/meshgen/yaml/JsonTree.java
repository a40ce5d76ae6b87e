package dev.meshgen.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson trees, the form the JSON Schema validator checks, built without an {@code ObjectMapper}:
 * with one, a render of one environment loaded some 500 more classes (issue 14).
 *
 * <p>{@link #of(YamlNode)} is the one conversion of a parsed document to that tree, used by both
 * the resource and the property schema checks; {@link #parse(InputStream)} reads a JSON file, such
 * as a bundled schema.
 */
public final class JsonTree {
  private static final JsonNodeFactory NODES = new Nodes();
  private static final JsonFactory JSON = new JsonFactory();

  private JsonTree() {}

  /**
   * Makes mappings, lists and strings that print their own JSON: Jackson's {@code toString()}
   * starts an ObjectMapper to do so (some 200 classes, a tenth of a second of CPU), and the validator calls it
   * while compiling a string {@code enum} and on every {@code not} that matches. The nodes are equal
   * to Jackson's own both ways.
   */
  private static final class Nodes extends JsonNodeFactory {
    @Override
    public ObjectNode objectNode() {
      return new ObjectNode(this) {
        @Override
        public String toString() {
          return json(this);
        }
      };
    }

    @Override
    public ArrayNode arrayNode() {
      return arrayNode(10);
    }

    @Override
    public ArrayNode arrayNode(int capacity) {
      return new ArrayNode(this, capacity) {
        @Override
        public String toString() {
          return json(this);
        }
      };
    }

    @Override
    public TextNode textNode(String text) {
      return text == null ? null : new TextNode(text) {
        @Override
        public String toString() {
          return json(this);
        }
      };
    }
  }

  /** {@code node} as compact JSON, as Jackson writes it. */
  static String json(JsonNode node) {
    StringBuilder b = new StringBuilder();
    write(b, node);
    return b.toString();
  }

  private static void write(StringBuilder b, JsonNode node) {
    if (node.isObject()) {
      b.append('{');
      String separator = "";
      for (java.util.Map.Entry<String, JsonNode> e : node.properties()) {
        b.append(separator);
        quote(b, e.getKey());
        b.append(':');
        write(b, e.getValue());
        separator = ",";
      }
      b.append('}');
    } else if (node.isArray()) {
      b.append('[');
      for (int i = 0; i < node.size(); i++) {
        b.append(i == 0 ? "" : ",");
        write(b, node.get(i));
      }
      b.append(']');
    } else if (node.isTextual()) {
      quote(b, node.textValue());
    } else if (!node.isMissingNode()) {
      b.append(node.asText()); // numbers, booleans, null
    }
  }

  private static void quote(StringBuilder b, String text) {
    b.append('"');
    CharTypes.appendQuoted(b, text);
    b.append('"');
  }

  /**
   * The JSON tree of {@code node}: integers that fit an {@code int} as {@code int}s (as a JSON
   * parser reads them), a missing node as Jackson's missing node.
   */
  public static JsonNode of(YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      ObjectNode o = NODES.objectNode();
      m.entries().forEach((k, e) -> o.set(k, of(e.value())));
      return o;
    }
    if (node instanceof YamlNode.Sequence s) {
      ArrayNode a = NODES.arrayNode(s.items().size());
      for (YamlNode item : s.items()) {
        a.add(of(item));
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

  /** Reads one JSON value from {@code in}, which the caller closes. */
  public static JsonNode parse(InputStream in) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("no JSON value");
      }
      return value(parser, first);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          o.set(name, value(parser, parser.nextToken()));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          a.add(value(parser, t));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected JSON token " + token + " at " + parser.currentLocation());
    }
  }
}
