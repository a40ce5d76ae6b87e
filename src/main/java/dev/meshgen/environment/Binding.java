package dev.meshgen.environment;

import dev.meshgen.yaml.YamlNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds merged, schema-checked properties to the {@link Environment} records, each key to the
 * record component of the same name. It replaces Jackson data binding, whose ObjectMapper loaded
 * some 500 classes for one environment (issue 14); the property schema has already refused what the
 * records cannot take, so a mismatch here is a bug, not a user's mistake.
 */
final class Binding {
  private Binding() {}

  /** The environment {@code name} with properties {@code merged}. */
  static Environment environment(YamlNode.Mapping merged, String name) {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(merged.entries());
    entries.put("name", new YamlNode.Entry(merged.location(), new YamlNode.Scalar(merged.location(), name)));
    return (Environment) value(new YamlNode.Mapping(merged.location(), entries), Environment.class, "");
  }

  private static Object value(YamlNode node, Type type, String path) {
    Class<?> raw = raw(type);
    if (node.isMissingNode() || node.isNull()) {
      return raw == int.class ? 0 : raw == boolean.class ? false : null;
    }
    if (raw.isRecord()) {
      return record(node, raw, path);
    }
    if (raw == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>();
      if (node instanceof YamlNode.Sequence s) {
        for (int i = 0; i < s.items().size(); i++) {
          out.add(value(s.items().get(i), item, path + "[" + i + "]"));
        }
      } else {
        out.add(value(node, item, path)); // where the schema allows one value for a list (verify.expect)
      }
      return out;
    }
    if (raw == Map.class && node instanceof YamlNode.Mapping m) {
      Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, value(e.value(), valueType, join(path, k))));
      return out;
    }
    Object scalar = node instanceof YamlNode.Scalar s ? s.value() : null;
    if (raw == String.class && scalar != null) {
      return String.valueOf(scalar);
    }
    if ((raw == int.class || raw == Integer.class) && scalar instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    if ((raw == int.class || raw == Integer.class) && scalar instanceof Double d && d == (int) (double) d) {
      return (int) (double) d; // 8080.0: an integer to JSON Schema
    }
    if ((raw == boolean.class || raw == Boolean.class) && scalar instanceof Boolean b) {
      return b;
    }
    throw mismatch(path, "cannot take " + node + " as " + type.getTypeName());
  }

  private static Object record(YamlNode node, Class<?> type, String path) {
    if (!(node instanceof YamlNode.Mapping m)) {
      throw mismatch(path, "expected a mapping for " + type.getSimpleName());
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    Set<String> unknown = new TreeSet<>(m.entries().keySet());
    for (int i = 0; i < components.length; i++) {
      String key = components[i].getName();
      types[i] = components[i].getType();
      args[i] = value(m.path(key), components[i].getGenericType(), join(path, key));
      unknown.remove(key);
    }
    if (!unknown.isEmpty()) {
      throw mismatch(path, type.getSimpleName() + " has no " + String.join(", ", unknown));
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(message(path, type.getSimpleName() + " refused its values"), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(message(path, "cannot make a " + type.getSimpleName()), e);
    }
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static IllegalStateException mismatch(String path, String what) {
    return new IllegalStateException(message(path, what));
  }

  private static String message(String path, String what) {
    return "property schema and Environment records disagree at " + (path.isEmpty() ? "the top" : path) + ": " + what;
  }
}
