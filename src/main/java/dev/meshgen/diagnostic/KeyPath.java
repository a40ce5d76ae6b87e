package dev.meshgen.diagnostic;

import java.util.List;

/** Key paths as findings show them: {@code spec.ports[0].number}, dots between names, brackets around indexes. */
public final class KeyPath {
  private KeyPath() {}

  /** Joins names (String) and list indexes (Integer). */
  public static String display(List<Object> segments) {
    StringBuilder b = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(s);
      }
    }
    return b.toString();
  }
}
