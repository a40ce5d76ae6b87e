package dev.meshgen.diff;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes environment diffs as a pull-request comment (markdown) or for a terminal (text). */
public final class DiffReport {
  private DiffReport() {}

  public static String markdown(List<EnvironmentDiff> diffs) {
    StringBuilder b = new StringBuilder("## meshgen: what this change does to the clusters\n\n");
    if (diffs.stream().noneMatch(EnvironmentDiff::hasChanges)) {
      return b.append("No rendered resource changes.\n").toString();
    }
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
        if (c.type() == ResourceChange.Type.CHANGED) {
          b.append("<details><summary>").append(c.type().mark()).append(' ').append(c.role()).append(": ")
              .append(escape(c.id())).append("</summary>\n\n```diff\n").append(c.unifiedDiff()).append("```\n\n</details>\n");
        } else {
          b.append("- ").append(c.type() == ResourceChange.Type.ADDED ? "added" : "removed").append(' ')
              .append(c.role()).append(": `").append(c.id()).append("`\n");
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
          .append(" added, ").append(d.count(ResourceChange.Type.CHANGED)).append(" changed, ")
          .append(d.count(ResourceChange.Type.REMOVED)).append(" removed\n");
      for (ResourceChange c : d.changes()) {
        b.append("  ").append(c.type().mark()).append(' ').append(c.role()).append(' ').append(c.id()).append('\n');
        if (!c.unifiedDiff().isEmpty()) {
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

  /** Added, changed, removed per role. */
  private static Map<String, long[]> counts(EnvironmentDiff d) {
    Map<String, long[]> out = new TreeMap<>();
    for (ResourceChange c : d.changes()) {
      out.computeIfAbsent(c.role(), r -> new long[3])[c.type().ordinal() == 0 ? 0 : c.type().ordinal() == 1 ? 1 : 2]++;
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
