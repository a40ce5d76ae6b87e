package dev.meshgen.validate;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.schema.ResourceSchemas;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one environment's rendered tree against the rules of the egress setup: references
 * resolve, modes and listeners are right, SNI paths are unique, workspaces share what they use.
 * Findings are data: each names the resource file, line and column and says how to fix it.
 */
public final class Validator {
  private final List<Rule> rules;
  private final ResourceSchemas schemas;

  private Validator(List<Rule> rules, ResourceSchemas schemas) {
    this.rules = List.copyOf(rules);
    this.schemas = schemas;
  }

  /** The setup's rules only (see the README's list of rules), without schema checks. */
  public static Validator setupRules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(new ReferencesResolve());
    rules.addAll(GatewayRules.all());
    rules.addAll(MeshRules.all());
    rules.add(new WorkspaceSharing());
    rules.add(new VerifyAfterMgmt());
    rules.add(new EntryPointsTarget());
    rules.addAll(FleetRules.all());
    rules.addAll(TrafficRules.all());
    rules.add(new KubernetesNames());
    return new Validator(rules, null);
  }

  /** Strict schema checks of every resource, then the setup's rules. */
  public static Validator withSchemas(ResourceSchemas schemas) {
    return new Validator(setupRules().rules, java.util.Objects.requireNonNull(schemas, "schemas"));
  }

  /**
   * Validates {@code tree}; {@code mgmtCluster} is the management cluster's name, where all Gloo
   * resources live. Files are named {@code <env>/<path>} in the findings.
   */
  public List<Diagnostic> validate(RenderedTree tree, String mgmtCluster) {
    return validate(tree, mgmtCluster, null, List.of(DEFAULT_EAST_WEST_LABELS));
  }

  /** The labels Gloo's east-west gateway install gives the gateway by default. */
  private static final java.util.Map<String, String> DEFAULT_EAST_WEST_LABELS = java.util.Map.of("istio", "eastwestgateway");

  /**
   * Validates {@code tree} as {@link #validate(RenderedTree, String)} does and also that its Flux
   * and Argo CD entry points name the repository, branch and folders where publish puts the
   * environment (rule {@code entry-points-target}).
   */
  public List<Diagnostic> validate(RenderedTree tree, String mgmtCluster, Environment.Gitops gitops) {
    return validate(tree, mgmtCluster, gitops, List.of(DEFAULT_EAST_WEST_LABELS));
  }

  /**
   * Validates {@code tree} as {@link #validate(RenderedTree, String)}; {@code platformGateways}
   * are the label sets of the gateways the platform installs (the east-west gateway's
   * {@code gateways.eastWest.labels}), which gateway selectors may select besides those meshgen installs.
   */
  public List<Diagnostic> validate(RenderedTree tree, String mgmtCluster, List<java.util.Map<String, String>> platformGateways) {
    return validate(tree, mgmtCluster, null, platformGateways);
  }

  /**
   * Every check at once: {@code gitops} (may be null: the entry-point rule is skipped) says where the
   * environment is published, {@code platformGateways} which gateways the platform installs.
   */
  public List<Diagnostic> validate(RenderedTree tree, String mgmtCluster, Environment.Gitops gitops,
      List<java.util.Map<String, String>> platformGateways) {
    List<Resource> resources = new ArrayList<>();
    List<Resource> arrangement = new ArrayList<>();
    List<Resource> entryPoints = new ArrayList<>();
    List<Diagnostic> schemaFindings = new ArrayList<>();
    for (Manifest m : tree.manifests()) {
      // Every document meshgen writes meets its schema: entry points and kustomizations too.
      if (schemas != null) {
        schemaFindings.addAll(schemas.validate(m));
      }
      if (m.isClusterResource()) {
        resources.add(new Resource(m));
      } else {
        arrangement.add(new Resource(m));
        if (!m.unit().isSetup()) {
          entryPoints.add(new Resource(m));
        }
      }
    }
    Setup setup = new Setup(resources, mgmtCluster, arrangement, gitops == null ? null
        : new Setup.GitOpsTarget(tree.environment(), gitops, entryPoints, EntryPointsTarget.roots(tree.manifests())),
        platformGateways);
    Findings findings = new Findings();
    findings.all().addAll(schemaFindings);
    for (Rule rule : rules) {
      findings.rule(rule.name());
      rule.check(setup, findings);
    }
    return findings.all().stream().sorted(Diagnostic.ORDER).distinct().toList();
  }
}
