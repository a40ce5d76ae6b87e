package dev.meshgen.diff;

import java.util.List;
import java.util.Map;

/** Writes environment diffs as a pull-request comment (markdown) or for a terminal (text). */
public final class DiffReport {
  private DiffReport() {}

  public static String markdown(List<EnvironmentDiff> diffs) {
    StringBuilder b = new StringBuilder("## meshgen: what this change does to the clusters\n\n");
    if (diffs.stream().noneMatch(EnvironmentDiff::hasChanges)) {
      return b.append("No rendered resource changes.\n").toString();
    }
    // Resources per cluster role: a change in base/ reaches both workload roles, so it counts for both.
    b.append("| Environment | Cluster role | Added | Changed | Removed |\n|---|---|---:|---:|---:|\n");
    for (EnvironmentDiff d : diffs) {
      counts(d).forEach((role, c) -> b.append("| ").append(d.environment()).append(d.isNew() ? " (new)" : "")
          .append(" | ").append(role).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ").append(c[2]).append(" |\n"));
      if (d.changes().isEmpty() && d.pathChanged()) {
        b.append("| ").append(d.environment()).append(" | - | 0 | 0 | 0 |\n");
      }
    }
    List<String> risks = diffs.stream().flatMap(d -> d.risks().stream().map(r -> d.environment() + ": " + r)).toList();
    b.append("\n### Risk\n\n");
    if (risks.isEmpty()) {
      b.append("Nothing in this change weakens the egress path.\n");
    } else {
      risks.forEach(r -> b.append("- :warning: ").append(r).append('\n'));
    }
    for (EnvironmentDiff d : diffs) {
      if (!d.hasChanges()) {
        continue;
      }
      b.append("\n### ").append(d.environment()).append("\n\n");
      for (ResourceChange c : d.changes()) {
        if (c.type() == ResourceChange.Type.REMOVED) {
          b.append("- removed ").append(c.role()).append(": `").append(c.id()).append("`\n");
        } else {
          // Changed resources show their diff, added ones their whole content (issue 12), folded.
          b.append("<details><summary>").append(c.type() == ResourceChange.Type.ADDED ? "added" : "changed").append(' ')
              .append(c.role()).append(": ").append(escape(c.id())).append("</summary>\n\n```diff\n")
              .append(c.unifiedDiff()).append("```\n\n</details>\n");
        }
      }
      if (d.pathChanged() && !d.pathAfter().isEmpty()) {
        // Both pictures (issue 12): a hop that turned red and dashed stands out only next to how it was.
        b.append("\nTraffic path after this change (red and dashed: plain text or broken):\n\n```mermaid\n")
            .append(d.pathAfter()).append("```\n");
        if (!d.pathBefore().isEmpty()) {
          b.append("\n<details><summary>Traffic path before this change</summary>\n\n```mermaid\n")
              .append(d.pathBefore()).append("```\n\n</details>\n");
        }
      }
    }
    return b.toString();
  }

  public static String text(List<EnvironmentDiff> diffs) {
    StringBuilder b = new StringBuilder();
    for (EnvironmentDiff d : diffs) {
      b.append(d.environment()).append(d.isNew() ? " (new)" : "").append(": ").append(d.count(ResourceChange.Type.ADDED))
          .append(" resources added, ").append(d.count(ResourceChange.Type.CHANGED)).append(" changed, ")
          .append(d.count(ResourceChange.Type.REMOVED)).append(" removed\n");
      for (ResourceChange c : d.changes()) {
        b.append("  ").append(c.type().mark()).append(' ').append(c.role()).append(' ').append(c.id()).append('\n');
        if (c.type() == ResourceChange.Type.CHANGED) {
          c.unifiedDiff().lines().forEach(l -> b.append("      ").append(l).append('\n'));
        }
      }
      if (d.pathChanged()) {
        b.append("  traffic path changed (see ").append(d.environment()).append("/README.md)\n");
      }
      d.risks().forEach(r -> b.append("  ! ").append(r).append('\n'));
    }
    return b.toString();
  }

  /**
   * Added, changed, removed per cluster role (mgmt, local, remote, in that order); Argo CD's
   * Applications, which no role applies, under "argocd".
   */
  private static Map<String, long[]> counts(EnvironmentDiff d) {
    Map<String, long[]> out = new java.util.LinkedHashMap<>();
    for (String role : List.of("mgmt", "local", "remote", "argocd")) {
      for (ResourceChange c : d.changes()) {
        if (c.clusterRoles().contains(role) || c.clusterRoles().isEmpty() && role.equals("argocd")) {
          out.computeIfAbsent(role, r -> new long[3])[c.type().ordinal()]++;
        }
      }
    }
    return out;
  }

  /**
   * The diffs as JSON for CI tools: per environment, each change (role, cluster roles, kind,
   * namespace, name, change) and the risks.
   */
  public static String json(List<EnvironmentDiff> diffs) {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
    var envs = root.putArray("environments");
    boolean any = false;
    for (EnvironmentDiff d : diffs) {
      var e = envs.addObject();
      e.put("environment", d.environment());
      e.put("new", d.isNew());
      e.put("pathChanged", d.pathChanged());
      var changes = e.putArray("changes");
      for (ResourceChange c : d.changes()) {
        var o = changes.addObject();
        o.put("change", c.type().name().toLowerCase(java.util.Locale.ROOT));
        o.put("role", c.role());
        var roles = o.putArray("clusterRoles");
        c.clusterRoles().forEach(roles::add);
        o.put("kind", c.kind());
        o.put("namespace", c.namespace());
        o.put("name", c.name());
        o.put("file", d.environment() + "/" + c.path());
      }
      var risks = e.putArray("risks");
      d.risks().forEach(risks::add);
      any |= d.hasChanges();
    }
    root.put("changed", any);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
