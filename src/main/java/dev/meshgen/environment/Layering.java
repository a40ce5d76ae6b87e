package dev.meshgen.environment;

import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.secret.SecretText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layers property files: the environment over the shared defaults (maps merge key by key; lists
 * and scalars are replaced whole), then {@code --set path=value} overrides, as Helm does.
 * Every value keeps the location of the file that set it.
 */
final class Layering {
  private static final Pattern SET = Pattern.compile("([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+|\\[[0-9]+])*)=(.*)", Pattern.DOTALL);
  private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z0-9_-]+)|\\[([0-9]+)]");
  /** The deepest path a --set may name; property files nest far less. */
  static final int MAX_DEPTH = 32;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  private Layering() {}

  static YamlNode.Mapping merge(YamlNode.Mapping base, YamlNode.Mapping over) {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(base.entries());
    over.entries().forEach((key, entry) -> {
      YamlNode.Entry under = entries.get(key);
      if (under != null
          && under.value() instanceof YamlNode.Mapping u
          && entry.value() instanceof YamlNode.Mapping o) {
        entries.put(key, new YamlNode.Entry(entry.keyLocation(), merge(u, o)));
      } else {
        entries.put(key, entry);
      }
    });
    return new YamlNode.Mapping(over.location(), entries);
  }

  /** Applies one {@code --set path=value}; {@code raw} is the option's argument as given. */
  static YamlNode.Mapping set(YamlNode.Mapping root, String raw) throws MeshgenException {
    return set(root, raw, false);
  }

  /**
   * Applies one override; {@code asString} keeps the value a string ({@code --set-string}), else
   * integers and booleans are typed as Helm's {@code --set} does.
   */
  static YamlNode.Mapping set(YamlNode.Mapping root, String raw, boolean asString) throws MeshgenException {
    int eq = raw.indexOf('=');
    if ((eq < 0 ? raw : raw.substring(0, eq)).chars().filter(c -> c == '.' || c == '[').count() >= MAX_DEPTH) {
      // Before the regex: a path thousands of levels deep would exhaust the matcher's stack (issue 11).
      throw new MeshgenException(Diagnostic.error(Location.ofFile("--set"), "", "a --set path has at most " + MAX_DEPTH + " parts"));
    }
    Matcher m = SET.matcher(raw);
    // The option names where a value came from; its value may be a secret the check refuses next (issue 11).
    String shown = m.matches()
        ? SecretText.redact(m.group(1)) + "=" + SecretText.redact(lastKey(m.group(1)), m.group(2))
        : SecretText.redact(raw);
    Location at = Location.ofFile("--set " + shown.replace("\n", "\\n").replace("\r", "\\r"));
    if (!m.matches()) {
      throw new MeshgenException(
          Diagnostic.error(at, "", "expected --set path=value, with a path such as externalServices[0].tlsOrigination.mode"));
    }
    String bad = Yaml.unwritable(m.group(2));
    if (bad != null) {
      // Written raw it would make the output unparseable (issue 11); the value is not echoed, it may be anything.
      throw new MeshgenException(Diagnostic.error(Location.ofFile("--set " + m.group(1)), "",
          "the value holds " + bad + ", a character YAML cannot carry; remove it"));
    }
    List<Object> segments = new ArrayList<>();
    Matcher s = SEGMENT.matcher(m.group(1));
    while (s.find()) {
      if (s.group(2) != null && s.group(2).length() > 9) {
        throw new MeshgenException(Diagnostic.error(at, "", "a list index has at most 9 digits"));
      }
      segments.add(s.group(1) != null ? s.group(1) : Integer.valueOf(s.group(2)));
    }
    if (segments.size() > MAX_DEPTH) {
      // Property files nest a few levels; a path this deep is a mistake, and would exhaust the stack.
      throw new MeshgenException(Diagnostic.error(at, "", "a --set path has at most " + MAX_DEPTH + " parts"));
    }
    YamlNode.Scalar value = new YamlNode.Scalar(at, asString ? m.group(2) : typed(m.group(2)));
    return (YamlNode.Mapping) replace(root, segments, 0, value, at, "");
  }

  private static YamlNode replace(YamlNode node, List<Object> path, int i, YamlNode value, Location at, String shown)
      throws MeshgenException {
    if (i == path.size()) {
      return value;
    }
    Object segment = path.get(i);
    if (segment instanceof String key) {
      String childShown = shown.isEmpty() ? key : shown + "." + key;
      YamlNode.Mapping mapping = node instanceof YamlNode.Mapping mm ? mm : null;
      if (mapping == null) {
        throw new MeshgenException(Diagnostic.error(at, shown, "is not a mapping, cannot set '" + key + "' in it"));
      }
      Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(mapping.entries());
      YamlNode.Entry old = entries.get(key);
      YamlNode child = old != null ? old.value()
          : path.size() > i + 1 && path.get(i + 1) instanceof String ? YamlNode.Mapping.empty(at) : null;
      if (child == null && i + 1 < path.size()) {
        throw new MeshgenException(Diagnostic.error(at, childShown, "does not exist, so it has no items to set"));
      }
      entries.put(key, new YamlNode.Entry(old != null ? old.keyLocation() : at, replace(child, path, i + 1, value, at, childShown)));
      return new YamlNode.Mapping(mapping.location(), entries);
    }
    int index = (Integer) segment;
    String childShown = shown + "[" + index + "]";
    if (!(node instanceof YamlNode.Sequence seq)) {
      throw new MeshgenException(Diagnostic.error(at, shown, "is not a list, cannot set item " + index));
    }
    if (index >= seq.items().size()) {
      throw new MeshgenException(
          Diagnostic.error(at, childShown, "no such item: the list has " + seq.items().size() + " item(s)"));
    }
    List<YamlNode> items = new ArrayList<>(seq.items());
    items.set(index, replace(items.get(index), path, i + 1, value, at, childShown));
    return new YamlNode.Sequence(seq.location(), items);
  }

  private static String lastKey(String path) {
    Matcher s = SEGMENT.matcher(path);
    String key = null;
    while (s.find()) {
      key = s.group(1);
    }
    return key;
  }

  /** Types a --set value as Helm does: integers and booleans, everything else a string. */
  private static Object typed(String text) {
    if (INTEGER.matcher(text).matches()) {
      return Long.valueOf(text);
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    return text;
  }
}
