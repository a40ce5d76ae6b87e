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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private Pipeline(Sources sources, Renderer renderer, Map<Role, RoleDefinition> roles, Validator validator,
      List<Diagnostic> notices) {
    this.sources = sources;
    this.renderer = renderer;
    this.roles = roles;
    this.validator = validator;
    this.notices = List.copyOf(notices);
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
    ResourceSchemas schemas = crds.isEmpty() ? ResourceSchemas.builtIn() : ResourceSchemas.fromCrds(crds);
    Map<Role, RoleDefinition> roles = RoleDefinitions.load(sources.overlays());
    checkPatches(roles, schemas);
    return new Pipeline(sources, Renderer.forTemplates(sources.templates()), roles,
        Validator.withSchemas(schemas), schemas.warnings());
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
   * environment's GitOps block by name: where publish and diff find it.
   */
  public record Report(List<RenderedTree> trees, List<Diagnostic> findings, Map<String, Environment.Gitops> gitops) {
    public Report {
      trees = List.copyOf(trees);
      findings = findings.stream().sorted(Diagnostic.ORDER).distinct().toList();
      gitops = Map.copyOf(gitops);
    }

    public Report(List<RenderedTree> trees, List<Diagnostic> findings) {
      this(trees, findings, Map.of());
    }

    public boolean hasErrors() {
      return findings.stream().anyMatch(Diagnostic::isError);
    }
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
    // Environments are independent: render and validate them in parallel, keep the given order.
    List<Outcome> outcomes = names.parallelStream().map(name -> checkOne(name, overrides)).toList();
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> findings = new ArrayList<>(notices);
    List<RenderedTree> trees = new ArrayList<>();
    List<OneOwnerPerCluster.Claimant> claimants = new ArrayList<>();
    Map<String, Environment.Gitops> gitops = new java.util.HashMap<>();
    for (Outcome o : outcomes) {
      problems.addAll(o.problems());
      findings.addAll(o.findings());
      if (o.tree() != null) {
        trees.add(o.tree());
        claimants.add(o.claimant());
        gitops.put(o.tree().environment(), o.gitops());
      }
    }
    // Only here are all environments of the run in view (issue 10).
    findings.addAll(OneOwnerPerCluster.check(claimants));
    if (!problems.isEmpty()) {
      problems.addAll(findings);
      throw new MeshgenException(problems.stream().distinct().toList());
    }
    return new Report(trees, findings, gitops);
  }

  /** One environment's tree (null when it could not be rendered), its findings, or its problems. */
  private record Outcome(RenderedTree tree, Environment.Gitops gitops, List<Diagnostic> findings,
      List<Diagnostic> problems, OneOwnerPerCluster.Claimant claimant) {}

  private Outcome checkOne(String name, Overrides overrides) {
    try {
      Environments.Located located = Environments.loadLocated(sources.environments(), name, overrides);
      Environment env = located.environment();
      Plan plan = Plan.of(env);
      RenderedTree tree = TrafficPath.withReadme(KustomizeLayout.arrange(plan, renderer.render(plan), roles));
      List<Diagnostic> findings = validator.validate(tree, env.clusters().mgmt().name(), env.gitops(),
          List.of(env.gateways().eastWest().labels()));
      return new Outcome(tree, env.gitops(), Acknowledgements.apply(env, located.locations(), tree, findings), List.of(),
          new OneOwnerPerCluster.Claimant(env, located.locations(), tree));
    } catch (MeshgenException e) {
      return new Outcome(null, null, List.of(), e.diagnostics(), null);
    }
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
