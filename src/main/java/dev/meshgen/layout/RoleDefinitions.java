package dev.meshgen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.plan.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads the role definitions and hand-kept patches under {@code overlays/}. */
public final class RoleDefinitions {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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
      if (!Files.isRegularFile(file)) {
        out.put(role, new RoleDefinition(role, "", List.of()));
        continue;
      }
      try {
        out.put(role, read(role, file, problems));
      } catch (IOException e) {
        problems.add(Diagnostic.error(Location.ofFile(file.toString()), "", "cannot read: " + firstLine(e.getMessage())));
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    return out;
  }

  private static RoleDefinition read(Role role, Path file, List<Diagnostic> problems) throws IOException {
    String shown = file.toString();
    JsonNode root;
    try (var parser = YAML.getFactory().createParser(Files.readString(file, StandardCharsets.UTF_8))) {
      root = YAML.readTree(parser);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new RoleDefinition(role, "", List.of());
    }
    if (!root.isObject()) {
      problems.add(Diagnostic.error(Location.ofFile(shown), "", "expected a mapping with description and patches"));
      return new RoleDefinition(role, "", List.of());
    }
    unknownKeys(root, KEYS, "", shown, problems);
    List<RoleDefinition.Patch> patches = new ArrayList<>();
    JsonNode list = root.path("patches");
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      String key = "patches[" + i + "]";
      unknownKeys(p, PATCH_KEYS, key, shown, problems);
      String path = p.path("path").asText("");
      if (!PATCH_PATH.matcher(path).matches()) {
        problems.add(Diagnostic.error(Location.ofFile(shown), key + ".path",
            "must name a file in this role's patches/ folder, such as patches/egress-resources.yaml; got '" + path + "'"));
        continue;
      }
      Path patchFile = file.getParent().resolve(path);
      if (!Files.isRegularFile(patchFile)) {
        problems.add(Diagnostic.error(Location.ofFile(shown), key + ".path", "file not found: " + patchFile));
        continue;
      }
      Map<String, String> target = new TreeMap<>();
      JsonNode t = p.path("target");
      unknownKeys(t, TARGET_KEYS, key + ".target", shown, problems);
      t.fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
      String text = Files.readString(patchFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
      patches.add(new RoleDefinition.Patch(path, text.endsWith("\n") ? text : text + "\n", target));
    }
    return new RoleDefinition(role, root.path("description").asText(""), patches);
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String path, String file, List<Diagnostic> problems) {
    if (!node.isObject()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(Diagnostic.error(Location.ofFile(file), path.isEmpty() ? name : path + "." + name,
            "unknown key; known: " + String.join(", ", new java.util.TreeSet<>(known))));
      }
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

}
