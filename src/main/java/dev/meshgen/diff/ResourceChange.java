package dev.meshgen.diff;

import java.util.List;
import java.util.Objects;

/**
 * One resource that a change adds, removes or changes: where it lands ({@code role}: base, an
 * overlay, verify, flux or argocd), the cluster roles that apply it ({@code clusterRoles}: base
 * reaches local and remote), its identity, its file, and the unified diff of its YAML (for an added
 * resource, all of it).
 */
public record ResourceChange(Type type, String role, List<String> clusterRoles, String kind, String namespace,
    String name, String id, String path, String unifiedDiff) {
  /** What happened to the resource. */
  public enum Type {
    ADDED("+"),
    CHANGED("~"),
    REMOVED("-");

    private final String mark;

    Type(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  public ResourceChange {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    unifiedDiff = Objects.requireNonNullElse(unifiedDiff, "");
    clusterRoles = List.copyOf(clusterRoles);
  }
}
