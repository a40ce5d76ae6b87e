package dev.meshgen.schema.gen;

import java.util.List;
import java.util.Objects;

/** The parts of a proto3 file that decide its JSON shape: packages, messages, fields, one-ofs and enums. */
final class Proto {
  private Proto() {}

  /** One {@code .proto} file: its name (for messages), package, imports and top-level types. */
  record File(String name, String pkg, List<String> imports, List<Message> messages, List<Enum> enums) {
    File {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pkg, "pkg");
      imports = List.copyOf(imports);
      messages = List.copyOf(messages);
      enums = List.copyOf(enums);
    }
  }

  /**
   * A message, {@code fullName} without the leading dot ({@code networking.gloo.solo.io.HTTPRoute}),
   * with its fields in declaration order and its nested types.
   */
  record Message(String fullName, String file, List<Field> fields, List<Message> messages, List<Enum> enums) {
    Message {
      Objects.requireNonNull(fullName, "fullName");
      fields = List.copyOf(fields);
      messages = List.copyOf(messages);
      enums = List.copyOf(enums);
    }

    /** The one-of groups in declaration order, each with its fields' JSON names. */
    List<List<Field>> oneofs() {
      List<String> names = fields.stream().map(Field::oneof).filter(Objects::nonNull).distinct().toList();
      return names.stream().map(n -> fields.stream().filter(f -> n.equals(f.oneof())).toList()).toList();
    }
  }

  /**
   * A field: {@code type} as written (a scalar name or a type reference), {@code mapKey} non-null
   * for a map (then {@code type} is the value type), {@code oneof} the group name or null.
   */
  record Field(String name, String jsonName, String type, boolean repeated, String mapKey, String oneof) {
    Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(jsonName, "jsonName");
      Objects.requireNonNull(type, "type");
    }
  }

  /** An enum and its value names in declaration order. */
  record Enum(String fullName, List<String> values) {
    Enum {
      Objects.requireNonNull(fullName, "fullName");
      values = List.copyOf(values);
    }
  }

  /** proto3's default JSON name of a field: protoc's ToJsonName ({@code virtual_gateways} → {@code virtualGateways}). */
  static String jsonName(String field) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : field.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
