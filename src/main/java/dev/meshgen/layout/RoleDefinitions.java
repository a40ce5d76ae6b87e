package dev.meshgen.layout;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.diagnostic.Suggestions;
import dev.meshgen.yaml.InputFile;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import dev.meshgen.plan.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads the role definitions and hand-kept patches under {@code overlays/}. */
public final class RoleDefinitions {
  private static final Set<String> KEYS = Set.of("description", "patches");
  private static final Set<String> PATCH_KEYS = Set.of("path", "target");
  private static final Set<String> TARGET_KEYS = Set.of("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");
  private static final Pattern PATCH_PATH = Pattern.compile("patches/[A-Za-z0-9][A-Za-z0-9._-]*\\.ya?ml");

  private RoleDefinitions() {}

  /** The three roles' definitions; a role without {@code role.yaml} has no patches. */
  public static Map<Role, RoleDefinition> load(Path overlaysDir) throws MeshgenException {
    Map<Role, RoleDefinition> out = new EnumMap<>(Role.class);
    List<Diagnostic> problems = new ArrayList<>();
    for (Role role : Role.values()) {
      Path file = overlaysDir.resolve(role.folder()).resolve("role.yaml");
      if (!InputFile.present(file)) {
        out.put(role, new RoleDefinition(role, "", List.of()));
        continue;
      }
      try {
        out.put(role, read(role, file, problems));
      } catch (MeshgenException e) {
        problems.addAll(e.diagnostics());
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    return out;
  }

  private static RoleDefinition read(Role role, Path file, List<Diagnostic> problems) throws MeshgenException {
    String shown = file.toString();
    Path roleDir = file.getParent();
    byte[] bytes = InputFile.read(file, roleDir, Yaml.Limits.ROLE_DEFINITION);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return new RoleDefinition(role, "", List.of());
    }
    YamlNode root;
    try {
      root = Yaml.readOne(shown, bytes, Yaml.Limits.ROLE_DEFINITION);
    } catch (MeshgenException e) {
      problems.addAll(e.diagnostics());
      return new RoleDefinition(role, "", List.of());
    }
    if (root.isNull()) {
      return new RoleDefinition(role, "", List.of());
    }
    if (!(root instanceof YamlNode.Mapping top)) {
      problems.add(Diagnostic.error(root.location(), "", "expected a mapping with description and patches"));
      return new RoleDefinition(role, "", List.of());
    }
    unknownKeys(top, KEYS, "", problems);
    YamlNode description = root.path("description");
    if (!description.isMissingNode() && !description.isTextual()) {
      problems.add(Diagnostic.error(description.location(), "description", "must be a string"));
    }
    List<RoleDefinition.Patch> patches = new ArrayList<>();
    YamlNode list = root.path("patches");
    if (!list.isMissingNode() && !list.isArray()) {
      problems.add(Diagnostic.error(list.location(), "patches", "must be a list of {path, target}"));
    }
    for (int i = 0; i < list.size(); i++) {
      YamlNode p = list.path(i);
      String key = "patches[" + i + "]";
      if (!(p instanceof YamlNode.Mapping patch)) {
        problems.add(Diagnostic.error(p.location(), key, "must be a mapping with path and target"));
        continue;
      }
      unknownKeys(patch, PATCH_KEYS, key, problems);
      YamlNode pathNode = p.path("path");
      String path = pathNode.isTextual() ? pathNode.asText() : "";
      Location pathAt = pathNode.isMissingNode() ? p.location() : pathNode.location();
      if (!PATCH_PATH.matcher(path).matches()) {
        problems.add(Diagnostic.error(pathAt, key + ".path",
            "must name a file in this role's patches/ folder, such as patches/egress-resources.yaml; got '" + path + "'"));
        continue;
      }
      Path patchFile = roleDir.resolve(path);
      if (!InputFile.present(patchFile)) {
        problems.add(Diagnostic.error(pathAt, key + ".path", "file not found: " + patchFile));
        continue;
      }
      Map<String, String> target = new TreeMap<>();
      YamlNode t = p.path("target");
      if (t instanceof YamlNode.Mapping tm) {
        unknownKeys(tm, TARGET_KEYS, key + ".target", problems);
        tm.entries().forEach((k, e) -> {
          if (!(e.value() instanceof YamlNode.Scalar sc) || sc.value() == null) {
            problems.add(Diagnostic.error(e.keyLocation(), key + ".target." + k, "must be a string"));
          } else {
            target.put(k, e.value().asText());
          }
        });
      } else if (!t.isMissingNode()) {
        problems.add(Diagnostic.error(t.location(), key + ".target", "must be a mapping such as {kind: IstioOperator}"));
      }
      // Patches are inputs like the rest (issue 11): read through the door, parsed, checked for secrets.
      byte[] patchBytes;
      YamlNode patchRoot;
      try {
        patchBytes = InputFile.read(patchFile, roleDir, Yaml.Limits.PATCH);
        patchRoot = Yaml.readOne(patchFile.toString(), patchBytes, Yaml.Limits.PATCH);
      } catch (MeshgenException e) {
        problems.addAll(e.diagnostics());
        continue;
      }
      List<Diagnostic> found = PatchCheck.check(patchFile.toString(), patchRoot);
      if (!found.isEmpty()) {
        problems.addAll(found);
        continue;
      }
      String text = new String(patchBytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
      patches.add(new RoleDefinition.Patch(path, text.endsWith("\n") ? text : text + "\n", target, patchFile.toString(),
          patchRoot));
    }
    return new RoleDefinition(role, description.asText(""), patches);
  }

  private static void unknownKeys(YamlNode.Mapping node, Set<String> known, String path, List<Diagnostic> problems) {
    node.entries().forEach((name, entry) -> {
      if (!known.contains(name)) {
        problems.add(Diagnostic.error(entry.keyLocation(), path.isEmpty() ? name : path + "." + name,
            "unknown key" + Suggestions.didYouMean(name, List.copyOf(known), "keys")));
      }
    });
  }

}
