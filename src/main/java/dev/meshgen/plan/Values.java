package dev.meshgen.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the ordered maps that templates read; null values are left out, so templates test {@code ??}. */
final class Values {
  private final Map<String, Object> map = new LinkedHashMap<>();

  static Values of() {
    return new Values();
  }

  static Map<String, Object> of(String k1, Object v1) {
    return of().put(k1, v1).build();
  }

  static Map<String, Object> of(String k1, Object v1, String k2, Object v2) {
    return of().put(k1, v1).put(k2, v2).build();
  }

  static Map<String, Object> of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    return of().put(k1, v1).put(k2, v2).put(k3, v3).build();
  }

  Values put(String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
    return this;
  }

  Map<String, Object> build() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** A label map; sorted, so templates list labels in a stable order. */
  static Map<String, String> labels(String key, String value) {
    return Collections.unmodifiableSortedMap(new java.util.TreeMap<>(Map.of(key, value)));
  }
}
