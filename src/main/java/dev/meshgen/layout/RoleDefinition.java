package dev.meshgen.layout;

import dev.meshgen.plan.Role;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster role's definition from {@code overlays/<role>/role.yaml}: what the role is for, and
 * the hand-kept patches its overlay applies to the rendered resources.
 */
public record RoleDefinition(Role role, String description, List<Patch> patches) {
  public RoleDefinition {
    Objects.requireNonNull(role, "role");
    description = Objects.requireNonNullElse(description, "");
    patches = List.copyOf(patches);
  }

  /** A hand-kept patch: its file (relative to the role folder), text, and optional Kustomize target. */
  public record Patch(String path, String text, Map<String, String> target) {
    public Patch {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
      target = target == null ? Map.of() : Map.copyOf(target);
    }
  }
}
