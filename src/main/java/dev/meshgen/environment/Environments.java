package dev.meshgen.environment;

import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads environments from a folder of property files: {@code <name>.yaml} layered over
 * {@code _defaults.yaml}, then {@code --set} overrides, checked against the property schema.
 */
public final class Environments {
  /** The shared defaults every environment is layered over. */
  public static final String DEFAULTS_FILE = "_defaults.yaml";

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private Environments() {}

  /** True when {@code name} is a plain environment name (a DNS-1123 label, no path). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The environments in {@code dir}, sorted by name. */
  public static List<String> list(Path dir) throws MeshgenException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .map(f -> f.substring(0, f.length() - ".yaml".length()))
          .filter(Environments::isValidName)
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      throw MeshgenException.of(dir.toString(), "environments folder not found");
    } catch (IOException e) {
      throw MeshgenException.of(dir.toString(), "cannot list the environments folder: " + e.getMessage());
    }
  }

  /**
   * Loads environment {@code name} from {@code dir}, applying {@code sets} ({@code path=value}) in
   * order.
   *
   * @throws MeshgenException with one diagnostic per problem, each naming file, line and key
   */
  public static Environment load(Path dir, String name, List<String> sets) throws MeshgenException {
    return loadLocated(dir, name, sets).environment();
  }

  /** An environment with the locations of its properties. */
  public record Located(Environment environment, PropertyLocations locations) {}

  /** As {@link #load}, keeping where each property was set, for checks across environments. */
  public static Located loadLocated(Path dir, String name, List<String> sets) throws MeshgenException {
    return loadLocated(dir, name, Overrides.of(sets));
  }

  /**
   * As {@link #loadLocated(Path, String, List)}, with values files ({@code -f}) layered after the
   * environment's file and {@code --set-string} overrides after the {@code --set} ones.
   */
  public static Located loadLocated(Path dir, String name, Overrides overrides) throws MeshgenException {
    Path file = dir.resolve(name + ".yaml");
    if (!isValidName(name)) {
      throw MeshgenException.of(
          "--env " + name, "an environment name is a plain name (lower-case letters, digits, '-'), not a path");
    }
    if (!Files.isRegularFile(file)) {
      throw MeshgenException.of(file.toString(), "environment '" + name + "' not found; known: " + String.join(", ", list(dir)));
    }
    YamlNode.Mapping merged = read(file);
    Path defaults = dir.resolve(DEFAULTS_FILE);
    if (Files.isRegularFile(defaults)) {
      merged = Layering.merge(read(defaults), merged);
    }
    for (Path values : overrides.valuesFiles()) {
      if (!Files.isRegularFile(values)) {
        throw MeshgenException.of(values.toString(), "values file not found (given with -f/--values)");
      }
      merged = Layering.merge(merged, read(values));
    }
    for (String set : overrides.sets()) {
      merged = Layering.set(merged, set);
    }
    for (String set : overrides.stringSets()) {
      merged = Layering.set(merged, set, true);
    }
    List<Diagnostic> problems = new java.util.ArrayList<>(Secrets.check(merged));
    if (problems.isEmpty()) {
      problems.addAll(PropertySchema.check(merged));
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    ObjectNode json = (ObjectNode) PropertySchema.toJson(merged);
    json.put("name", name);
    Environment env = bind(json, file);
    List<Diagnostic> broken = References.check(merged, env);
    if (!broken.isEmpty()) {
      throw new MeshgenException(broken);
    }
    return new Located(env, new PropertyLocations(merged));
  }

  private static Environment bind(JsonNode json, Path file) throws MeshgenException {
    try {
      return MAPPER.treeToValue(json, Environment.class);
    } catch (IOException e) {
      // The schema admits only what the records accept; reaching here is a schema bug.
      throw new IllegalStateException("property schema and Environment records disagree for " + file, e);
    }
  }

  private static YamlNode.Mapping read(Path file) throws MeshgenException {
    Yaml.Limits limits = Yaml.Limits.PROPERTY_FILE;
    String shown = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limits.maxChars()) {
        throw new MeshgenException(Diagnostic.error(Location.ofFile(shown), "",
            "file is " + size + " bytes, over the limit of " + limits.maxChars() + " for a property file"));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw MeshgenException.of(shown, "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new MeshgenException(
          Diagnostic.error(Location.ofFile(shown), "", "file is empty: expected a mapping of properties"));
    }
    YamlNode root = Yaml.readOne(shown, bytes, limits);
    if (!(root instanceof YamlNode.Mapping mapping)) {
      throw new MeshgenException(
          Diagnostic.error(root.location(), "", "expected a mapping of properties at the top of the file"));
    }
    return mapping;
  }

}
