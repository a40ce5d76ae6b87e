package dev.meshgen.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.diagnostic.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One rendered resource as the rules see it: its file in the output tree, its parsed document,
 * and the line and column of every field, so a finding points at the line to look at.
 */
final class Resource {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private final String file;
  private final JsonNode doc;
  private final String yaml;
  /** Computed on the first finding: most resources have none, and positions cost a second parse. */
  private Map<String, Location> positions;

  private Resource(String file, JsonNode doc, String yaml) {
    this.file = file;
    this.doc = doc;
    this.yaml = yaml;
  }

  static Resource parse(String file, String yaml) {
    try {
      return new Resource(file, MAPPER.readTree(yaml), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("rendered resources are checked to parse when rendered: " + file, e);
    }
  }

  String file() {
    return file;
  }

  JsonNode doc() {
    return doc;
  }

  /** Resources are one per file; comparing whole documents in sets would cost more than the rules. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r && r.file.equals(file);
  }

  @Override
  public String toString() {
    return file;
  }

  @Override
  public int hashCode() {
    return file.hashCode();
  }

  String kind() {
    return doc.path("kind").asText();
  }

  String name() {
    return doc.path("metadata").path("name").asText();
  }

  /** The namespace, or "" for cluster-scoped resources and those Kustomize places. */
  String namespace() {
    return doc.path("metadata").path("namespace").asText("");
  }

  String id() {
    return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
  }

  /** Where the field at {@code path} (a display path such as {@code spec.http[0].name}) was written. */
  Location at(String path) {
    if (positions == null) {
      try {
        positions = positions(file, yaml);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String p = path;
    while (true) {
      Location l = positions.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return positions.getOrDefault("", new Location(file, 1, 1));
      }
      p = p.substring(0, cut);
    }
  }

  /** Maps each display path to the location of its key (fields) or value (list items). */
  private static Map<String, Location> positions(String file, String yaml) throws IOException {
    Map<String, Location> out = new HashMap<>();
    Deque<String> paths = new ArrayDeque<>();
    Deque<int[]> indexes = new ArrayDeque<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      String pending = "";
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        var at = p.currentTokenLocation();
        Location here = new Location(file, at.getLineNr(), at.getColumnNr());
        if (t == JsonToken.FIELD_NAME) {
          String parent = paths.peek();
          pending = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
          out.put(pending, here);
          continue;
        }
        if (!indexes.isEmpty() && indexes.peek() != null && indexes.peek().length == 1 && isValueStart(t)) {
          String parent = paths.peek();
          pending = parent + "[" + indexes.peek()[0]++ + "]";
          out.putIfAbsent(pending, here);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          paths.push(pending);
          indexes.push(t == JsonToken.START_ARRAY ? new int[] {0} : new int[0]);
          out.putIfAbsent(pending, here);
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          paths.pop();
          indexes.pop();
        }
      }
    }
    return out;
  }

  private static boolean isValueStart(JsonToken t) {
    return t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT && t != JsonToken.FIELD_NAME;
  }
}
