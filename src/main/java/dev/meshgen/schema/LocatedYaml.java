package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.yaml.JsonTree;
import dev.meshgen.yaml.YamlNode;
import java.util.List;

/**
 * One parsed document as the JSON tree the schema library checks, beside the {@link YamlNode} it
 * was converted from once ({@link JsonTree#of}), which gives the line and column of every key and
 * value by JSON pointer, so that a violation can point at the text that caused it. Nothing here
 * reads YAML text, and positions are looked up only for findings.
 */
final class LocatedYaml {
  /** A 1-based line and column in the YAML text. */
  record Position(int line, int column) {}

  private final YamlNode yaml;
  private final JsonNode root;

  private LocatedYaml(YamlNode yaml, JsonNode root) {
    this.yaml = yaml;
    this.root = root;
  }

  /** {@code node} with {@code root}, its JSON tree. */
  static LocatedYaml of(YamlNode node, JsonNode root) {
    return new LocatedYaml(node, root);
  }

  JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} starts, or null. */
  Position valueAt(String pointer) {
    YamlNode node = yaml.at(pointer);
    return node.isMissingNode() ? null : position(node.location());
  }

  /** Where the key naming the value at {@code pointer} was written, or null (root, list items). */
  Position keyAt(String pointer) {
    int slash = pointer.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    YamlNode.Entry entry = yaml.at(pointer.substring(0, slash)) instanceof YamlNode.Mapping m
        ? m.entries().get(unescape(pointer.substring(slash + 1)))
        : null;
    return entry == null ? null : position(entry.keyLocation());
  }

  private static Position position(Location l) {
    return l.line() <= 0 ? new Position(0, 0) : new Position(l.line(), l.column());
  }

  /**
   * The best place to report a finding about the value at {@code pointer}: a scalar itself, the key
   * of a mapping or list, else the nearest ancestor that was written.
   */
  Position locate(String pointer) {
    String p = pointer;
    while (true) {
      JsonNode node = root.at(p);
      Position key = keyAt(p);
      if (key != null && node.isContainerNode()) {
        return key;
      }
      Position value = valueAt(p);
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

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
