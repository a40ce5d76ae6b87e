package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import dev.meshgen.environment.Overrides;
import dev.meshgen.layout.KustomizeLayout;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.layout.RoleDefinition;
import dev.meshgen.layout.RoleDefinitions;
import dev.meshgen.picture.TrafficPath;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.Role;
import dev.meshgen.render.Renderer;
import dev.meshgen.schema.ResourceSchemas;
import dev.meshgen.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole way from property files to output trees, in memory: load each environment, plan,
 * render, lay out, picture the traffic path. Every environment is tried, so one run reports all problems; nothing is
 * returned unless all succeeded.
 */
public final class Pipeline {
  private final Sources sources;
  private final Renderer renderer;
  private final Map<Role, RoleDefinition> roles;
  private final Validator validator;
  /** Findings about the run's own setup (an open CRD given with --crds), reported once. */
  private final List<Diagnostic> notices;
  private final List<Path> crds;
  private final String version;
  /** What every environment's input hash shares, computed on first use; null when it cannot be. */
  private InputHash inputs;
  private boolean inputsRead;

  private Pipeline(Sources sources, Renderer renderer, Map<Role, RoleDefinition> roles, Validator validator,
      List<Diagnostic> notices, List<Path> crds, String version) {
    this.sources = sources;
    this.renderer = renderer;
    this.roles = roles;
    this.validator = validator;
    this.notices = List.copyOf(notices);
    this.crds = List.copyOf(crds);
    this.version = Objects.requireNonNull(version, "version");
  }

  /** A pipeline that validates rendered resources against meshgen's built-in schemas. */
  public static Pipeline of(Sources sources) throws MeshgenException {
    return of(sources, List.of());
  }

  /**
   * A pipeline that validates rendered resources against the CustomResourceDefinitions in
   * {@code crds} (files or folders, as {@code kubectl get crd -o yaml} prints them) for the kinds
   * they define, and the built-in schemas for the rest.
   */
  public static Pipeline of(Sources sources, List<Path> crds) throws MeshgenException {
    return of(sources, crds, version());
  }

  /** As {@link #of(Sources, List)}, as if meshgen's version were {@code version} (tests vary it). */
  static Pipeline of(Sources sources, List<Path> crds, String version) throws MeshgenException {
    ResourceSchemas schemas = crds.isEmpty() ? ResourceSchemas.builtIn() : ResourceSchemas.fromCrds(crds);
    Map<Role, RoleDefinition> roles = RoleDefinitions.load(sources.overlays());
    checkPatches(roles, schemas);
    return new Pipeline(sources, Renderer.forTemplates(sources.templates()), roles,
        Validator.withSchemas(schemas), schemas.warnings(), crds, version);
  }

  /**
   * meshgen's version as its jar names it; "dev" when run from classes (tests, a development
   * build), which then needs {@code --full} after a code change that keeps the version.
   */
  private static String version() {
    String v = Pipeline.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * A hand-kept patch of a kind with a schema meets that schema, as far as a partial document can
   * (issue 11): here, the one place that sees both the patches and the schemas.
   */
  private static void checkPatches(Map<Role, RoleDefinition> roles, ResourceSchemas schemas) throws MeshgenException {
    List<Diagnostic> problems = new ArrayList<>();
    for (RoleDefinition role : roles.values()) {
      for (RoleDefinition.Patch patch : role.patches()) {
        problems.addAll(schemas.validatePatch(patch.file(), patch.root()).stream().filter(Diagnostic::isError).toList());
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
  }

  /** Every environment in the sources, sorted. */
  public List<String> allEnvironments() throws MeshgenException {
    return Environments.list(sources.environments());
  }

  /**
   * Rendered trees and what validation found in them (errors and warnings), with each
   * environment's GitOps block by name: where publish and diff find it. {@code unchanged} names
   * the environments whose trees were read back from an earlier run's output instead of rendered.
   */
  public record Report(List<RenderedTree> trees, List<Diagnostic> findings, Map<String, Environment.Gitops> gitops,
      List<String> unchanged) {
    public Report {
      trees = List.copyOf(trees);
      findings = findings.stream().sorted(Diagnostic.ORDER).distinct().toList();
      gitops = Map.copyOf(gitops);
      unchanged = List.copyOf(unchanged);
    }

    public Report(List<RenderedTree> trees, List<Diagnostic> findings) {
      this(trees, findings, Map.of(), List.of());
    }

    public boolean hasErrors() {
      return findings.stream().anyMatch(Diagnostic::isError);
    }
  }

  /**
   * Where an earlier run left an environment's folder: the output folder of {@code render}, or the
   * GitOps repository's copy for {@code publish}. The pipeline trusts what it returns only when the
   * folder's record names the same input hash and lists exactly its files, with their digest.
   */
  @FunctionalInterface
  public interface Previous {
    /** No earlier output: render everything ({@code --full}). */
    Previous NONE = (environment, inputHash) -> Optional.empty();

    /**
     * {@code environment}'s folder (each file's blob id, texts on demand, the record included),
     * or empty when there is none or its record names another input hash than {@code inputHash}
     * (an implementation may read the record alone first and stop there).
     */
    Optional<RenderedTree.Folder> folder(String environment, String inputHash);
  }

  /**
   * The environments of a run, loaded (property files merged and checked) but not rendered yet,
   * each with the hash of its inputs: enough to know where each is published, and whether an
   * earlier run's output can stand for its render.
   */
  public static final class Prepared {
    private final List<Loaded> loaded;

    private Prepared(List<Loaded> loaded) {
      this.loaded = List.copyOf(loaded);
    }

    /** The GitOps block of every environment that loaded. */
    public Map<String, Environment.Gitops> gitops() {
      Map<String, Environment.Gitops> out = new LinkedHashMap<>();
      loaded.stream().filter(l -> l.located() != null)
          .forEach(l -> out.put(l.name(), l.located().environment().gitops()));
      return out;
    }

    /** True when some environment could not be loaded: the render will fail, so nothing is worth fetching. */
    public boolean hasProblems() {
      return loaded.stream().anyMatch(l -> l.located() == null);
    }

    /** The input hash of {@code environment}, when it loaded and its inputs could be read. */
    public Optional<String> inputHash(String environment) {
      return loaded.stream().filter(l -> l.name().equals(environment)).map(Loaded::inputHash)
          .filter(Objects::nonNull).findFirst();
    }
  }

  /** One environment's properties and input hash (null when not known), or why it could not be loaded. */
  private record Loaded(String name, Environments.Located located, String inputHash, List<Diagnostic> problems) {}

  /** Loads {@code names} with {@code overrides} applied and hashes each one's inputs, in parallel. */
  public Prepared prepare(List<String> names, Overrides overrides) {
    InputHash shared = inputs();
    return new Prepared(names.parallelStream().map(name -> {
      try {
        // The secrets check waits for the render: a kept folder's properties passed it (issue 14).
        Environments.Located located = Environments.loadLocatedDeferringSecrets(sources.environments(), name, overrides);
        String hash = shared == null ? null : shared.of(name, located.locations().merged());
        return new Loaded(name, located, hash, List.of());
      } catch (MeshgenException e) {
        return new Loaded(name, null, null, e.diagnostics());
      }
    }).toList());
  }

  private synchronized InputHash inputs() {
    if (!inputsRead) {
      inputsRead = true;
      try {
        inputs = InputHash.of(version, sources.templates(), roles, crds);
      } catch (IOException | RuntimeException e) {
        inputs = null; // an unreadable template fails the render itself, with a better message
      }
    }
    return inputs;
  }

  /**
   * Renders and validates {@code names} with {@code sets} overrides applied to each.
   *
   * @throws MeshgenException when an environment cannot be rendered at all (bad property files or
   *     templates); findings of the rendered resources are in the report
   */
  public Report check(List<String> names, List<String> sets) throws MeshgenException {
    return check(names, Overrides.of(sets));
  }

  /** As {@link #check(List, List)}, with values files and {@code --set-string} overrides too. */
  public Report check(List<String> names, Overrides overrides) throws MeshgenException {
    return run(prepare(names, overrides), Previous.NONE, false);
  }

  /**
   * Renders and validates what {@code prepared} loaded, as output to keep: each tree's record names
   * its input hash. An environment whose {@code previous} folder was made from the same inputs and
   * is intact is not rendered (issue 14): its files are read back, not parsed, and its findings are
   * those its record keeps from when it was rendered from the same inputs, so the findings, the
   * trees and hence the written bytes are those of a full render.
   *
   * @throws MeshgenException as {@link #check(List, List)}
   */
  public Report render(Prepared prepared, Previous previous) throws MeshgenException {
    return run(prepared, Objects.requireNonNull(previous, "previous"), true);
  }

  private Report run(Prepared prepared, Previous previous, boolean stamp) throws MeshgenException {
    // Environments are independent: render and validate them in parallel, keep the given order.
    List<Outcome> outcomes = prepared.loaded.parallelStream().map(l -> checkOne(l, previous, stamp)).toList();
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> findings = new ArrayList<>(notices);
    List<RenderedTree> trees = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<OneOwnerPerCluster.Claimant> claimants = new ArrayList<>();
    Map<String, Environment.Gitops> gitops = new java.util.HashMap<>();
    for (Outcome o : outcomes) {
      problems.addAll(o.problems());
      findings.addAll(o.findings());
      if (o.tree() != null) {
        trees.add(o.tree());
        claimants.add(o.claimant());
        gitops.put(o.tree().environment(), o.gitops());
        if (o.kept()) {
          unchanged.add(o.tree().environment());
        }
      }
    }
    // Only here are all environments of the run in view (issue 10).
    findings.addAll(OneOwnerPerCluster.check(claimants));
    if (!problems.isEmpty()) {
      problems.addAll(findings);
      throw new MeshgenException(problems.stream().distinct().toList());
    }
    return new Report(trees, findings, gitops, unchanged);
  }

  /**
   * One environment's tree (null when it could not be rendered), its findings, or its problems;
   * {@code kept} when the tree is an earlier run's output read back.
   */
  private record Outcome(RenderedTree tree, Environment.Gitops gitops, List<Diagnostic> findings,
      List<Diagnostic> problems, OneOwnerPerCluster.Claimant claimant, boolean kept) {}

  private Outcome checkOne(Loaded loaded, Previous previous, boolean stamp) {
    if (loaded.located() == null) {
      return new Outcome(null, null, List.of(), loaded.problems(), null, false);
    }
    Environment env = loaded.located().environment();
    String hash = loaded.inputHash();
    try {
      RenderedTree tree = hash == null ? null : kept(loaded.name(), hash, previous);
      boolean kept = tree != null;
      List<Diagnostic> found;
      Map<String, String> resources = new java.util.HashMap<>();
      if (kept) {
        // Neither parsed nor validated (issue 14): its findings are those its record keeps, found
        // when it was rendered from the same inputs; acknowledgements are applied below, as on a
        // render, since what they point at in the property files may have moved.
        found = new ArrayList<>();
        for (RenderedTree.Finding f : tree.recordedFindings()) {
          found.add(f.diagnostic());
          resources.put(f.diagnostic().location().file(), f.resource());
        }
      } else {
        List<Diagnostic> secrets = Environments.secrets(loaded.located());
        if (!secrets.isEmpty()) {
          return new Outcome(null, null, List.of(), secrets, null, false);
        }
        Plan plan = Plan.of(env);
        tree = TrafficPath.withReadme(KustomizeLayout.arrange(plan, renderer.render(plan), roles));
        found = validator.validate(tree, env.clusters().mgmt().name(), env.gitops(),
            List.of(env.gateways().eastWest().labels()));
        if (stamp && hash != null) {
          tree = tree.withInputs(hash, found);
        }
        tree.manifests().forEach(m -> resources.put(m.file(), m.id()));
      }
      List<Diagnostic> acknowledged = Acknowledgements.apply(env, loaded.located().locations(), resources, found);
      // Validated: drop the parsed documents now, not after the last environment (issue 14: 1,000
      // environments in under 1 GiB). They are parsed again from the texts only if something asks
      // (a cluster shared with another environment, diff's picture and risks).
      RenderedTree out = kept ? tree : tree.withoutTrees();
      return new Outcome(out, env.gitops(), acknowledged, List.of(),
          new OneOwnerPerCluster.Claimant(env, loaded.located().locations(), out), kept);
    } catch (MeshgenException e) {
      return new Outcome(null, null, List.of(), e.diagnostics(), null, false);
    }
  }

  /**
   * The earlier run's tree of {@code environment}, as its folder holds it, when that folder was
   * made from inputs hashing to {@code hash} and nobody changed it since; else null (render it).
   */
  private static RenderedTree kept(String environment, String hash, Previous previous) {
    return previous.folder(environment, hash).flatMap(f -> RenderedTree.kept(environment, f, hash)).orElse(null);
  }

  /** Renders and validates; any error finding fails the whole run, so nothing half-valid is written. */
  public List<RenderedTree> render(List<String> names, List<String> sets) throws MeshgenException {
    Report report = check(names, sets);
    if (report.hasErrors()) {
      throw new MeshgenException(report.findings());
    }
    return report.trees();
  }
}
