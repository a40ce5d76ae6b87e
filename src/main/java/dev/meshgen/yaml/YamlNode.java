package dev.meshgen.yaml;

import dev.meshgen.diagnostic.Location;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML value that remembers where it was written, so every later finding can point at it.
 *
 * <p>Navigation reads like Jackson's tree ({@code path}, {@code asText}, iteration) so code that
 * walks a resource stays short, but the type is the project's own: it crosses package boundaries
 * without taking a parser library with it. Equality compares content only, never locations.
 */
public sealed interface YamlNode extends Iterable<YamlNode>
    permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar, YamlNode.Missing {

  /** Where the value starts; for a missing value, the file only. */
  Location location();

  /** The value under {@code key} of a mapping, else {@link Missing}. */
  default YamlNode path(String key) {
    return Missing.INSTANCE;
  }

  /** Item {@code index} of a sequence, else {@link Missing}. */
  default YamlNode path(int index) {
    return Missing.INSTANCE;
  }

  /** The value under {@code key} of a mapping, or null when there is none (as Jackson's {@code get}). */
  default YamlNode get(String key) {
    YamlNode v = path(key);
    return v.isMissingNode() ? null : v;
  }

  /** Item {@code index}, or null. */
  default YamlNode get(int index) {
    YamlNode v = path(index);
    return v.isMissingNode() ? null : v;
  }

  /** The value at a JSON pointer such as {@code /spec/http/0/name}, else {@link Missing}. */
  default YamlNode at(String pointer) {
    YamlNode node = this;
    if (pointer.isEmpty()) {
      return node;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (node instanceof Sequence s && segment.matches("[0-9]{1,9}")) {
        node = s.path(Integer.parseInt(segment));
      } else {
        node = node.path(segment);
      }
    }
    return node;
  }

  default boolean has(String key) {
    return false;
  }

  /** Number of entries or items; 0 for scalars. */
  default int size() {
    return 0;
  }

  /** True for a mapping or sequence without entries (and, as in Jackson, for scalars). */
  default boolean isEmpty() {
    return size() == 0;
  }

  /** True when {@code key} holds a value that is not null. */
  default boolean hasNonNull(String key) {
    YamlNode v = path(key);
    return !v.isMissingNode() && !v.isNull();
  }

  default boolean isObject() {
    return false;
  }

  default boolean isArray() {
    return false;
  }

  default boolean isContainerNode() {
    return isObject() || isArray();
  }

  default boolean isMissingNode() {
    return false;
  }

  default boolean isNull() {
    return false;
  }

  /** True for a string scalar. */
  default boolean isTextual() {
    return false;
  }

  /** A scalar as text ({@code "null"} for null); "" for mappings, sequences and missing values. */
  default String asText() {
    return "";
  }

  /** A scalar as text; {@code fallback} for null and missing values. */
  default String asText(String fallback) {
    return fallback;
  }

  /** An integer scalar (or a string of digits) as int, else {@code fallback}. */
  default int asInt(int fallback) {
    return fallback;
  }

  default int asInt() {
    return asInt(0);
  }

  /** A mapping's keys in written order; empty otherwise. */
  default Iterator<String> fieldNames() {
    return Collections.emptyIterator();
  }

  /** A mapping's entries (key to value) in written order; empty otherwise. */
  default Iterator<Map.Entry<String, YamlNode>> fields() {
    return Collections.emptyIterator();
  }

  /** A sequence's items; nothing for other values. */
  @Override
  default Iterator<YamlNode> iterator() {
    return Collections.emptyIterator();
  }

  /** A mapping; keys keep the order they were written in, with their own locations. */
  record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      Objects.requireNonNull(location, "location");
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Mapping empty(Location location) {
      return new Mapping(location, Map.of());
    }

    @Override
    public YamlNode path(String key) {
      Entry e = entries.get(key);
      return e == null ? Missing.INSTANCE : e.value();
    }

    @Override
    public boolean has(String key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }

    @Override
    public boolean isObject() {
      return true;
    }

    @Override
    public Iterator<String> fieldNames() {
      return entries.keySet().iterator();
    }

    @Override
    public Iterator<Map.Entry<String, YamlNode>> fields() {
      return entries.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue().value())).iterator();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Mapping m) || m.entries.size() != entries.size()) {
        return false;
      }
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        Entry other = m.entries.get(e.getKey());
        if (other == null || !other.value().equals(e.getValue().value())) {
          return false;
        }
      }
      return true;
    }

    /** Compact JSON, as messages quote a value: {@code {"app":"x"}}. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("{");
      entries.forEach((k, e) -> {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(Scalar.json(k)).append(':').append(e.value());
      });
      return b.append('}').toString();
    }

    @Override
    public int hashCode() {
      int h = 0;
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        h += e.getKey().hashCode() ^ e.getValue().value().hashCode();
      }
      return h;
    }
  }

  /** One key of a mapping: where the key was written and its value. */
  record Entry(Location keyLocation, YamlNode value) {
    public Entry {
      Objects.requireNonNull(keyLocation, "keyLocation");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A sequence of values. */
  record Sequence(Location location, List<YamlNode> items) implements YamlNode {
    public Sequence {
      Objects.requireNonNull(location, "location");
      items = List.copyOf(items);
    }

    @Override
    public YamlNode path(int index) {
      return index >= 0 && index < items.size() ? items.get(index) : Missing.INSTANCE;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public boolean isArray() {
      return true;
    }

    @Override
    public Iterator<YamlNode> iterator() {
      return items.iterator();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sequence s && s.items.equals(items);
    }

    @Override
    public int hashCode() {
      return items.hashCode();
    }

    /** Compact JSON: {@code ["a","b"]}. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("[");
      for (YamlNode item : items) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(item);
      }
      return b.append(']').toString();
    }
  }

  /** A scalar: String, Long, Double, Boolean or null, as YAML typed it. */
  record Scalar(Location location, Object value) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(location, "location");
    }

    @Override
    public boolean isNull() {
      return value == null;
    }

    @Override
    public boolean isTextual() {
      return value instanceof String;
    }

    @Override
    public String asText() {
      return String.valueOf(value);
    }

    @Override
    public String asText(String fallback) {
      return value == null ? fallback : String.valueOf(value);
    }

    @Override
    public int asInt(int fallback) {
      if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return l.intValue();
      }
      if (value instanceof String s && s.matches("-?[0-9]{1,9}")) {
        return Integer.parseInt(s);
      }
      return fallback;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scalar s && Objects.equals(s.value, value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }

    /** As JSON: strings quoted, numbers, booleans and null bare. */
    @Override
    public String toString() {
      return value instanceof String s ? json(s) : String.valueOf(value);
    }

    static String json(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
  }

  /** The value of a key or index that is not there. */
  final class Missing implements YamlNode {
    public static final Missing INSTANCE = new Missing();
    private static final Location NOWHERE = Location.ofFile("");

    private Missing() {}

    @Override
    public Location location() {
      return NOWHERE;
    }

    @Override
    public boolean isMissingNode() {
      return true;
    }

    @Override
    public String toString() {
      return "Missing";
    }
  }
}
