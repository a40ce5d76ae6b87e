package dev.meshgen.validate;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.layout.RenderedTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one environment's rendered tree against the rules of the egress setup: references
 * resolve, modes and listeners are right, SNI paths are unique, workspaces share what they use.
 * Findings are data: each names the resource file, line and column and says how to fix it.
 */
public final class Validator {
  private final List<Rule> rules;

  private Validator(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The setup's rules (see the README's list of rules). */
  public static Validator setupRules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(new ReferencesResolve());
    rules.addAll(GatewayRules.all());
    rules.addAll(MeshRules.all());
    rules.add(new WorkspaceSharing());
    return new Validator(rules);
  }

  /** The rules' names, in the order they run. */
  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /**
   * Validates {@code tree}; {@code mgmtCluster} is the management cluster's name, where all Gloo
   * resources live. Files are named {@code <env>/<path>} in the findings.
   */
  public List<Diagnostic> validate(RenderedTree tree, String mgmtCluster) {
    List<Resource> resources = new ArrayList<>();
    tree.files().forEach((path, text) -> {
      if (path.endsWith(".yaml") && !path.endsWith("kustomization.yaml") && !path.contains("/patches/")
          && !isEntryPoint(path)) {
        resources.add(Resource.parse(tree.environment() + "/" + path, text));
      }
    });
    Setup setup = new Setup(resources, mgmtCluster);
    Findings findings = new Findings();
    for (Rule rule : rules) {
      findings.rule(rule.name());
      rule.check(setup, findings);
    }
    return findings.all().stream().sorted(Diagnostic.ORDER).distinct().toList();
  }

  /** Flux and Argo CD entry points point clusters at the overlays; they are not part of the setup. */
  private static boolean isEntryPoint(String path) {
    return path.startsWith("flux/") || path.startsWith("argocd/");
  }
}
