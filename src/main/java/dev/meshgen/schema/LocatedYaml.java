package dev.meshgen.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One YAML document as a JSON tree, remembering the line and column of every key and value by its
 * JSON pointer, so that a schema violation can point at the text that caused it.
 */
final class LocatedYaml {
  /** A 1-based line and column in the YAML text. */
  record Position(int line, int column) {}

  /** YAML that cannot be read at all: where and why. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Position position;

    Unreadable(Position position, String message) {
      super(message);
      this.position = position;
    }
  }

  /** A key written twice in one mapping: the second one's position and the first one's line. */
  record DuplicateKey(String pointer, Position position, int firstLine) {}

  static final int MAX_CHARS = 4 << 20;
  private static final int MAX_DEPTH = 100;
  private static final YAMLFactory FACTORY = newFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;
  private final List<DuplicateKey> duplicates;

  private LocatedYaml(JsonNode root, Map<String, Position> values, Map<String, Position> keys, List<DuplicateKey> duplicates) {
    this.root = root;
    this.values = values;
    this.keys = keys;
    this.duplicates = List.copyOf(duplicates);
  }

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported as findings, with both lines
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_CHARS);
    options.setNestingDepthLimit(MAX_DEPTH);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_CHARS).build());
    return factory;
  }

  /** Parses exactly one YAML document; comments and a leading {@code ---} are fine. */
  static LocatedYaml parse(String yaml) throws Unreadable {
    return parse(yaml, true);
  }

  /**
   * Parses without recording positions when {@code locate} is false: the quick check of a valid
   * resource needs none, and recording them for every node costs as much as the parse.
   */
  static LocatedYaml parse(String yaml, boolean locate) throws Unreadable {
    Builder builder = new Builder(locate);
    try (JsonParser parser = FACTORY.createParser(yaml)) {
      if (parser.nextToken() == null) {
        throw new Unreadable(new Position(0, 0), "no YAML document");
      }
      JsonNode root = builder.read((YAMLParser) parser, "");
      if (parser.nextToken() != null) {
        throw new Unreadable(position(parser.currentTokenLocation()), "a resource file holds one YAML document; found a second one");
      }
      return new LocatedYaml(root, builder.values, builder.keys, builder.duplicates);
    } catch (JsonProcessingException e) {
      throw new Unreadable(position(e.getLocation()), syntaxMessage(e));
    } catch (IOException e) {
      throw new Unreadable(new Position(0, 0), "cannot read: " + e.getMessage());
    }
  }

  JsonNode root() {
    return root;
  }

  List<DuplicateKey> duplicates() {
    return duplicates;
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

  private static final class Builder {
    final Map<String, Position> values = new HashMap<>();
    final Map<String, Position> keys = new HashMap<>();
    final List<DuplicateKey> duplicates = new ArrayList<>();
    private final boolean locate;

    Builder(boolean locate) {
      this.locate = locate;
    }

    JsonNode read(YAMLParser parser, String pointer) throws IOException {
      if (locate) {
        values.put(pointer, position(parser.currentTokenLocation()));
      }
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT: {
          ObjectNode object = NODES.objectNode();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = locate ? pointer + "/" + escape(name) : "";
            Position at = locate ? position(parser.currentTokenLocation()) : null;
            parser.nextToken();
            if (object.has(name)) {
              duplicates.add(new DuplicateKey(child, at, locate ? keys.get(child).line() : 0));
              read(parser, pointer + "/~duplicate"); // read past it; the first value counts
              continue;
            }
            if (locate) {
              keys.put(child, at);
            }
            object.set(name, read(parser, child));
          }
          return object;
        }
        case START_ARRAY: {
          ArrayNode array = NODES.arrayNode();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, locate ? pointer + "/" + array.size() : ""));
          }
          return array;
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
          throw new IllegalStateException("unexpected YAML token " + token);
      }
    }
  }

  private static Position position(JsonLocation at) {
    if (at == null || at.getLineNr() <= 0) {
      return new Position(0, 0);
    }
    return new Position(at.getLineNr(), at.getColumnNr());
  }

  /** The parser's first lines, without SnakeYAML's source excerpt; the position says where. */
  private static String syntaxMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "invalid YAML";
    }
    String firstLines = message.lines()
        .filter(l -> !l.isBlank() && !l.startsWith(" "))
        .filter(l -> !l.startsWith("in 'reader'") && !l.startsWith("in reader"))
        .reduce((a, b) -> a + "; " + b)
        .orElse("invalid YAML");
    return "invalid YAML: " + firstLines;
  }
}
