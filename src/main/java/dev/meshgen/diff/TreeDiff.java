package dev.meshgen.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.picture.TrafficPath;
import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.YamlNode;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the GitOps repository holds for an environment with what the sources render now,
 * resource by resource (by kind, namespace and name, wherever the file lives), not file by file.
 */
public final class TreeDiff {

  private TreeDiff() {}

  /** A resource file: where it is, who it is, and its parsed and raw text. */
  private record Entry(String path, String role, List<String> clusterRoles, String kind, String namespace, String name,
      String id, YamlNode doc, String text) {}

  /**
   * Compares what the repository holds for an environment ({@code before}: relative paths to
   * text, empty when it does not hold the environment yet) with {@code after}, the tree rendered
   * now. The repository's files are parsed here, once; a file that is not a resource (a
   * hand-edited file, say) is left out, since publish refuses those anyway.
   */
  public static EnvironmentDiff compare(Map<String, String> before, RenderedTree after) {
    String environment = after.environment();
    RenderedTree held = RenderedTree.readBackLeniently(environment, before);
    Map<String, Entry> old = entries(held.manifests());
    Map<String, Entry> now = entries(after.manifests());
    List<ResourceChange> changes = new ArrayList<>();
    List<String> risks = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      Entry a = old.get(key);
      Entry b = now.get(key);
      String id = (a != null ? a : b).id();
      if (a == null) {
        changes.add(new ResourceChange(ResourceChange.Type.ADDED, b.role(), b.clusterRoles(), b.kind(), b.namespace(),
            b.name(), id, b.path(), unified("/dev/null", environment + "/" + b.path(), "", b.text())));
        Risks.added(b.doc(), id, risks);
      } else if (b == null) {
        changes.add(new ResourceChange(ResourceChange.Type.REMOVED, a.role(), a.clusterRoles(), a.kind(), a.namespace(),
            a.name(), id, a.path(), ""));
        risks.add("removed " + id + " (" + a.role() + ")");
      } else if (!a.doc().equals(b.doc()) || !a.path().equals(b.path())) {
        changes.add(new ResourceChange(ResourceChange.Type.CHANGED, b.role(), b.clusterRoles(), b.kind(), b.namespace(),
            b.name(), id, b.path(),
            unified(environment + "/" + a.path(), environment + "/" + b.path(), a.text(), b.text())));
        Risks.changed(a.doc(), b.doc(), id, risks);
      }
    }
    return new EnvironmentDiff(environment, before.isEmpty(), changes, risks.stream().distinct().toList(),
        before.isEmpty() ? "" : TrafficPath.mermaid(held), TrafficPath.mermaid(after));
  }

  private static Map<String, Entry> entries(Collection<Manifest> manifests) {
    Map<String, Entry> out = new TreeMap<>();
    for (Manifest m : manifests) {
      if (m.isKustomization() || !m.root().isObject() || m.kind().isEmpty()) {
        continue;
      }
      String role = role(m.unit());
      String id = m.id();
      String key = m.unit().equals(Unit.EGRESS_SNI) ? id + " (per sending namespace)" : id;
      List<String> clusterRoles = m.unit().cluster() != null ? List.of(m.unit().cluster())
          : m.roles().stream().map(r -> r.folder()).sorted(TreeDiff::byRole).toList();
      out.put(role + " " + key, new Entry(m.path(), role, clusterRoles, m.kind(), m.namespace(), m.name(), key,
          m.root(), m.text()));
    }
    return out;
  }

  /** The row a document is counted in: base, a role's overlay, verify, flux or argocd. */
  /** mgmt, local, remote: the order the clusters are set up in. */
  static int byRole(String a, String b) {
    List<String> order = List.of("mgmt", "local", "remote");
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }

  static String role(Unit unit) {
    return switch (unit.kind()) {
      case BASE, EGRESS_SNI -> "base";
      case MGMT, LOCAL, REMOTE -> unit.folder().substring("overlays/".length());
      case CLUSTER -> unit.folder();
      case VERIFY_LOCAL, VERIFY_REMOTE -> "verify";
      case VERIFY_CLUSTER -> unit.folder();
      // One row each: every role (cluster) has its own GitRepository of the same name (issue 12: counts match publish).
      case FLUX_MGMT, FLUX_LOCAL, FLUX_REMOTE, FLUX_CLUSTER -> unit.folder();
      case ARGOCD -> "argocd";
    };
  }

  private static String unified(String from, String to, String a, String b) {
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    Patch<String> patch = DiffUtils.diff(x, y);
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(from, to, x, patch, 3)) + "\n";
  }
}
