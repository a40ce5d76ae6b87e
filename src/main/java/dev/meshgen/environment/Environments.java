package dev.meshgen.environment;

import dev.meshgen.yaml.InputFile;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
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

  /** The last defaults file parsed: its name as shown, its bytes and its tree. */
  private record Parsed(String file, byte[] bytes, YamlNode.Mapping root) {}

  private static final Object DEFAULTS_LOCK = new Object();
  private static Parsed lastDefaults; // guarded by DEFAULTS_LOCK

  private Environments() {}

  /** True when {@code name} is a plain environment name (a DNS-1123 label, no path). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Lists the names of files in {@code environments/} that are not environments, one name or glob a line. */
  public static final String IGNORE_FILE = ".meshgenignore";

  /**
   * The environments in {@code dir}, sorted by name. Every other file is an error naming it
   * ({@code Prod.yaml}, {@code my_env.yaml}, {@code x.yml}: issue 11, {@code --all} skipped them
   * silently), unless it is {@code _defaults.yaml}, {@code .meshgenignore}, or matches a line of
   * {@code .meshgenignore}.
   */
  public static List<String> list(Path dir) throws MeshgenException {
    List<String> strays = new java.util.ArrayList<>();
    List<String> names = scan(dir, strays);
    if (!strays.isEmpty()) {
      throw new MeshgenException(strays.stream().map(f -> Diagnostic.error(Location.ofFile(dir.resolve(f).toString()), "",
          "not an environment: an environment file is <name>.yaml with a plain name (lower-case letters, digits, "
              + "'-'); rename it, or list it in " + dir.resolve(IGNORE_FILE) + " to keep it here")).toList());
    }
    return names;
  }

  /** The environments in {@code dir}; the names of other files that are not ignored go to {@code strays}. */
  private static List<String> scan(Path dir, List<String> strays) throws MeshgenException {
    List<java.nio.file.PathMatcher> ignored = ignored(dir);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new java.util.ArrayList<>();
      for (String f : files.map(p -> p.getFileName().toString()).sorted().toList()) {
        String name = f.endsWith(".yaml") ? f.substring(0, f.length() - ".yaml".length()) : null;
        if (isValidName(name)) {
          names.add(name);
        } else if (!f.equals(DEFAULTS_FILE) && !f.equals(IGNORE_FILE)
            && ignored.stream().noneMatch(m -> m.matches(Path.of(f)))) {
          strays.add(f);
        }
      }
      return names;
    } catch (NoSuchFileException e) {
      throw MeshgenException.of(dir.toString(), "environments folder not found");
    } catch (IOException e) {
      throw MeshgenException.of(dir.toString(), "cannot list the environments folder: " + e.getClass().getSimpleName());
    }
  }

  /** The globs of {@code .meshgenignore}: one a line, {@code #} comments and blank lines skipped. */
  private static List<java.nio.file.PathMatcher> ignored(Path dir) throws MeshgenException {
    Path file = dir.resolve(IGNORE_FILE);
    if (!InputFile.present(file)) {
      return List.of();
    }
    String text = new String(InputFile.read(file, dir, Yaml.Limits.PROPERTY_FILE), java.nio.charset.StandardCharsets.UTF_8);
    List<java.nio.file.PathMatcher> out = new java.util.ArrayList<>();
    int line = 0;
    for (String l : text.split("\n", -1)) {
      line++;
      String glob = l.strip();
      if (glob.isEmpty() || glob.startsWith("#")) {
        continue;
      }
      try {
        out.add(dir.getFileSystem().getPathMatcher("glob:" + glob));
      } catch (IllegalArgumentException e) {
        throw new MeshgenException(Diagnostic.error(new Location(file.toString(), line, 1), "",
            "not a file name or glob: " + Diagnostic.quote(glob)));
      }
    }
    return out;
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
    return loadLocated(dir, name, overrides, true);
  }

  /**
   * As {@link #loadLocated(Path, String, Overrides)}, leaving the secrets check to the caller
   * ({@link #secrets}) when everything else passes: an environment whose folder was made from
   * the same merged properties passed it then, and a run that keeps that folder need not scan
   * every value again (issue 14). When something else fails, the secrets check runs first, as
   * always, so a run reports the same problems; and it runs at once on the {@code gitops} block,
   * which a publish uses before it renders (to fetch the branch): a secret there is refused here.
   */
  public static Located loadLocatedDeferringSecrets(Path dir, String name, Overrides overrides)
      throws MeshgenException {
    return loadLocated(dir, name, overrides, false);
  }

  /** What the secrets check finds in {@code located}'s merged properties: errors, or nothing. */
  public static List<Diagnostic> secrets(Located located) {
    return Secrets.check(located.locations().merged());
  }

  private static Located loadLocated(Path dir, String name, Overrides overrides, boolean secrets)
      throws MeshgenException {
    Path file = dir.resolve(name + ".yaml");
    if (!isValidName(name)) {
      throw MeshgenException.of(
          "--env " + name, "an environment name is a plain name (lower-case letters, digits, '-'), not a path");
    }
    if (!InputFile.present(file)) {
      throw MeshgenException.of(file.toString(), "environment '" + name + "' not found; known: "
          + String.join(", ", scan(dir, new java.util.ArrayList<>())));
    }
    YamlNode.Mapping merged = read(dir, file);
    Path defaults = dir.resolve(DEFAULTS_FILE);
    // A _defaults.yaml that is there but cannot be read (a FIFO, a link out) is an error, not skipped (issue 11).
    if (InputFile.present(defaults)) {
      merged = Layering.merge(readDefaults(dir, defaults), merged);
    }
    for (Path values : overrides.valuesFiles()) {
      if (!Files.exists(values)) {
        throw MeshgenException.of(values.toString(), "values file not found (given with -f/--values)");
      }
      // A values file may live anywhere the user points; it is read through the same door as the rest.
      merged = Layering.merge(merged, read(values.toAbsolutePath().getParent(), values));
    }
    for (String set : overrides.sets()) {
      merged = Layering.set(merged, set);
    }
    for (String set : overrides.stringSets()) {
      merged = Layering.set(merged, set, true);
    }
    if (secrets || !Secrets.check(merged.path("gitops")).isEmpty()) {
      return checked(merged, name, true);
    }
    try {
      return checked(merged, name, false);
    } catch (MeshgenException | RuntimeException e) {
      List<Diagnostic> found = Secrets.check(merged);
      if (!found.isEmpty()) {
        throw new MeshgenException(found); // what the check reports first when it is not deferred
      }
      throw e;
    }
  }

  private static Located checked(YamlNode.Mapping merged, String name, boolean secrets) throws MeshgenException {
    List<Diagnostic> problems = new java.util.ArrayList<>(secrets ? Secrets.check(merged) : List.of());
    if (problems.isEmpty()) {
      problems.addAll(PropertySchema.check(merged));
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    Environment env = Binding.environment(merged, name);
    List<Diagnostic> broken = References.check(merged, env);
    if (!broken.isEmpty()) {
      throw new MeshgenException(broken);
    }
    return new Located(env, new PropertyLocations(merged));
  }

  /**
   * {@code _defaults.yaml}, parsed once for all environments of a run (issue 14): its bytes still
   * pass the same checks for every environment, and a changed file is parsed again.
   */
  private static YamlNode.Mapping readDefaults(Path dir, Path file) throws MeshgenException {
    byte[] bytes = InputFile.read(file, dir, Yaml.Limits.PROPERTY_FILE);
    String shown = file.toString();
    synchronized (DEFAULTS_LOCK) {
      Parsed last = lastDefaults;
      if (last != null && last.file().equals(shown) && Arrays.equals(last.bytes(), bytes)) {
        return last.root();
      }
      YamlNode.Mapping root = parse(shown, bytes);
      lastDefaults = new Parsed(shown, bytes, root);
      return root;
    }
  }

  private static YamlNode.Mapping read(Path dir, Path file) throws MeshgenException {
    return parse(file.toString(), InputFile.read(file, dir, Yaml.Limits.PROPERTY_FILE));
  }

  private static YamlNode.Mapping parse(String shown, byte[] bytes) throws MeshgenException {
    Yaml.Limits limits = Yaml.Limits.PROPERTY_FILE;
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
