package dev.meshgen.validate;

import dev.meshgen.diagnostic.Location;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.yaml.YamlNode;
import java.util.Map;

/**
 * One rendered resource as the rules see it: its manifest (parsed once, when it was rendered),
 * with the line and column of every field, so a finding points at the line to look at.
 */
final class Resource {
  private final Manifest manifest;

  Resource(Manifest manifest) {
    this.manifest = manifest;
  }

  String file() {
    return manifest.file();
  }

  YamlNode doc() {
    return manifest.root();
  }

  /** Resources are one per file; comparing whole documents in sets would cost more than the rules. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r && r.file().equals(file());
  }

  @Override
  public String toString() {
    return file();
  }

  @Override
  public int hashCode() {
    return file().hashCode();
  }

  /** The manifest's unit: which folder it lands in, hence which cluster roles apply it. */
  dev.meshgen.plan.Unit unit() {
    return manifest.unit();
  }

  /** The file's path inside its environment's tree ({@code overlays/local/kustomization.yaml}). */
  String path() {
    return manifest.path();
  }

  /** The tree path an entry of this kustomization names ({@link Manifest#resolve}). */
  String resolve(String relative) {
    return manifest.resolve(relative);
  }

  String environment() {
    return manifest.environment();
  }

  String kind() {
    return manifest.kind();
  }

  String name() {
    return manifest.name();
  }

  /** The namespace, or "" for cluster-scoped resources and those Kustomize places. */
  String namespace() {
    return manifest.namespace();
  }

  String id() {
    return manifest.id();
  }

  /**
   * Where the field at {@code path} (a display path such as {@code spec.http[0].name}) was
   * written: a field's key, a list item's value; the nearest written ancestor when the field is
   * absent.
   */
  Location at(String path) {
    YamlNode node = manifest.root();
    Location best = node.location();
    String rest = path;
    while (!rest.isEmpty()) {
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        YamlNode item = close < 0 ? YamlNode.Missing.INSTANCE : node.path(parseIndex(rest.substring(1, close)));
        if (item.isMissingNode()) {
          return best;
        }
        node = item;
        best = item.location();
        rest = rest.substring(close + 1);
      } else {
        if (rest.startsWith(".")) {
          rest = rest.substring(1);
        }
        if (!(node instanceof YamlNode.Mapping m)) {
          return best;
        }
        String key = longestKey(m, rest);
        if (key == null) {
          return best;
        }
        YamlNode.Entry e = m.entries().get(key);
        node = e.value();
        best = e.keyLocation();
        rest = rest.substring(key.length());
      }
    }
    return best;
  }

  /** Keys may hold dots ({@code istio.io/rev}): take the longest key that the path continues after. */
  private static String longestKey(YamlNode.Mapping m, String rest) {
    String found = null;
    for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
      String k = e.getKey();
      if (rest.startsWith(k) && (rest.length() == k.length() || rest.charAt(k.length()) == '.' || rest.charAt(k.length()) == '[')
          && (found == null || k.length() > found.length())) {
        found = k;
      }
    }
    return found;
  }

  private static int parseIndex(String s) {
    return s.matches("[0-9]{1,9}") ? Integer.parseInt(s) : -1;
  }
}
