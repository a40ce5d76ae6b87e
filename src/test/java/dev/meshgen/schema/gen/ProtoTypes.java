package dev.meshgen.schema.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every message and enum of a set of proto files by full name, and proto's scoping rules to find them. */
final class ProtoTypes {
  /** The well-known types the generator maps itself; their files are not in the folder. */
  static final Set<String> WELL_KNOWN = Set.of(
      "google.protobuf.Any", "google.protobuf.BoolValue", "google.protobuf.BytesValue", "google.protobuf.DoubleValue",
      "google.protobuf.Duration", "google.protobuf.Empty", "google.protobuf.FloatValue", "google.protobuf.Int32Value",
      "google.protobuf.Int64Value", "google.protobuf.ListValue", "google.protobuf.StringValue", "google.protobuf.Struct",
      "google.protobuf.Timestamp", "google.protobuf.UInt32Value", "google.protobuf.UInt64Value", "google.protobuf.Value",
      "google.protobuf.FieldMask");

  private final Map<String, Proto.Message> messages = new TreeMap<>();
  private final Map<String, Proto.Enum> enums = new TreeMap<>();

  /** What a type reference names: a message, an enum, a well-known type, or nothing in these files. */
  record Resolved(String fullName, Proto.Message message, Proto.Enum enumType, boolean wellKnown) {
    boolean found() {
      return message != null || enumType != null || wellKnown;
    }
  }

  ProtoTypes(List<Proto.File> files) {
    for (Proto.File f : files) {
      f.messages().forEach(this::add);
      f.enums().forEach(e -> put(enums, e.fullName(), e));
    }
  }

  /**
   * Reads every {@code *.proto} under each of {@code folders} as one set (a type defined in two of
   * them is an error), each folder in path order.
   */
  static ProtoTypes readFolders(List<Path> folders) {
    List<Proto.File> files = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path p : walk.filter(p -> p.toString().endsWith(".proto")).sorted().toList()) {
          String name = folder.relativize(p).toString().replace('\\', '/');
          files.add(ProtoReader.read(name, Files.readString(p, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ProtoTypes(files);
  }

  private void add(Proto.Message m) {
    put(messages, m.fullName(), m);
    m.messages().forEach(this::add);
    m.enums().forEach(e -> put(enums, e.fullName(), e));
  }

  private static <T> void put(Map<String, T> map, String name, T value) {
    if (map.put(name, value) != null) {
      throw new IllegalArgumentException("type defined twice: " + name);
    }
  }

  Proto.Message message(String fullName) {
    Proto.Message m = messages.get(fullName);
    if (m == null) {
      throw new IllegalArgumentException("no message " + fullName);
    }
    return m;
  }

  /**
   * Resolves {@code name} as written inside {@code scope} (the full name of the message holding
   * the field): a leading dot is absolute; otherwise the innermost enclosing scope that defines it
   * wins, as protoc does it. Unresolved names come back as written, without the leading dot.
   */
  Resolved resolve(String name, String scope) {
    if (name.startsWith(".")) {
      return lookup(name.substring(1));
    }
    String s = scope;
    while (true) {
      Resolved r = lookup(s.isEmpty() ? name : s + "." + name);
      if (r.found()) {
        return r;
      }
      if (s.isEmpty()) {
        return new Resolved(name, null, null, false);
      }
      int dot = s.lastIndexOf('.');
      s = dot < 0 ? "" : s.substring(0, dot);
    }
  }

  private Resolved lookup(String fullName) {
    return new Resolved(fullName, messages.get(fullName), enums.get(fullName), WELL_KNOWN.contains(fullName));
  }
}
