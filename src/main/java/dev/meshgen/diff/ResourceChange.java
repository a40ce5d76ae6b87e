package dev.meshgen.diff;

import java.util.Objects;

/**
 * One resource that a change adds, removes or changes: its cluster role (from its folder), its
 * identity, its file, and for a changed resource the unified diff of its YAML.
 */
public record ResourceChange(Type type, String role, String kind, String id, String path, String unifiedDiff) {
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
  }
}
