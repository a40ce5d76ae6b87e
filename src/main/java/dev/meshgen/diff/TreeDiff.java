package dev.meshgen.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what the GitOps repository holds for an environment with what the sources render now,
 * resource by resource (by kind, namespace and name, wherever the file lives), not file by file.
 */
public final class TreeDiff {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern MERMAID = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL);

  private TreeDiff() {}

  /** A resource file: where it is, who it is, and its parsed and raw text. */
  private record Entry(String path, String role, String kind, String id, JsonNode doc, String text) {}

  /**
   * Compares two file maps of one environment (relative paths to text); {@code before} is empty
   * when the repository does not hold the environment yet.
   */
  public static EnvironmentDiff compare(String environment, Map<String, String> before, Map<String, String> after) {
    Map<String, Entry> old = entries(before);
    Map<String, Entry> now = entries(after);
    List<ResourceChange> changes = new ArrayList<>();
    List<String> risks = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      Entry a = old.get(key);
      Entry b = now.get(key);
      String id = (a != null ? a : b).id();
      if (a == null) {
        changes.add(new ResourceChange(ResourceChange.Type.ADDED, b.role(), b.kind(), id, b.path(), ""));
        Risks.added(b.doc(), id, risks);
      } else if (b == null) {
        changes.add(new ResourceChange(ResourceChange.Type.REMOVED, a.role(), a.kind(), id, a.path(), ""));
        risks.add("removed " + id + " (" + a.role() + ")");
      } else if (!a.doc().equals(b.doc()) || !a.path().equals(b.path())) {
        changes.add(new ResourceChange(ResourceChange.Type.CHANGED, b.role(), b.kind(), id, b.path(),
            unified(environment + "/" + a.path(), environment + "/" + b.path(), a.text(), b.text())));
        Risks.changed(a.doc(), b.doc(), id, risks);
      }
    }
    return new EnvironmentDiff(environment, before.isEmpty(), changes, risks.stream().distinct().toList(),
        mermaid(before.get("README.md")), mermaid(after.get("README.md")));
  }

  private static String mermaid(String readme) {
    if (readme == null) {
      return "";
    }
    Matcher m = MERMAID.matcher(readme);
    return m.find() ? m.group(1) : "";
  }

  private static Map<String, Entry> entries(Map<String, String> files) {
    Map<String, Entry> out = new TreeMap<>();
    files.forEach((path, text) -> {
      if (!path.endsWith(".yaml") || path.endsWith("kustomization.yaml") || path.contains("/patches/")) {
        return;
      }
      JsonNode doc;
      try {
        doc = YAML.readTree(text);
      } catch (IOException e) {
        doc = null;
      }
      if (doc == null || !doc.isObject() || !doc.has("kind")) {
        return; // not a resource (a hand-edited file in the repository, say); publish refuses those
      }
      String role = role(path);
      String ns = doc.path("metadata").path("namespace").asText("");
      String kind = doc.path("kind").asText();
      String id = kind + " " + (ns.isEmpty() ? "" : ns + "/") + doc.path("metadata").path("name").asText();
      String key = path.startsWith("base/egress-sni/") ? id + " (per sending namespace)" : id;
      out.put(role + " " + key, new Entry(path, role, kind, key, doc, text));
    });
    return out;
  }

  /** The cluster role a file serves, from its folder. */
  static String role(String path) {
    if (path.startsWith("overlays/")) {
      return path.split("/")[1];
    }
    if (path.startsWith("base/")) {
      return "base";
    }
    int slash = path.indexOf('/');
    return slash < 0 ? "-" : path.substring(0, slash);
  }

  private static String unified(String from, String to, String a, String b) {
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    Patch<String> patch = DiffUtils.diff(x, y);
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(from, to, x, patch, 3)) + "\n";
  }
}
