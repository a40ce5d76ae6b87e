package dev.meshgen.environment;

import dev.meshgen.diagnostic.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value that remembers where it was written, so every later finding can point at it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  Location location();

  /** A mapping; keys keep the order they were written in, with their own locations. */
  record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    static Mapping empty(Location location) {
      return new Mapping(location, new LinkedHashMap<>());
    }
  }

  /** One key of a mapping: where the key was written and its value. */
  record Entry(Location keyLocation, YamlNode value) {}

  /** A sequence of values. */
  record Sequence(Location location, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = new ArrayList<>(items);
    }
  }

  /** A scalar: String, Long, Double, Boolean or null, as YAML typed it. */
  record Scalar(Location location, Object value) implements YamlNode {}
}
