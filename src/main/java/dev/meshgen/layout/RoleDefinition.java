package dev.meshgen.layout;

import dev.meshgen.plan.Role;
import dev.meshgen.yaml.YamlNode;
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

  /**
   * A hand-kept patch: its file (relative to the role folder), text, and optional Kustomize
   * target; {@code file} is where it was read (as findings name it) and {@code root} its parsed
   * document, with positions.
   */
  public record Patch(String path, String text, Map<String, String> target, String file, YamlNode root) {
    public Patch {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(root, "root");
      target = target == null ? Map.of() : Map.copyOf(target);
    }
  }
}
