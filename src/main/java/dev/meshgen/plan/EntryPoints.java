package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry points that point each cluster at its overlay: per cluster role (a fleet: per cluster)
 * a Flux GitRepository and Kustomization (applied in that cluster), and one Argo CD Application
 * each (applied where Argo CD runs). Rendered only when the environment names its GitOps
 * repository.
 *
 * <p>A fleet gets plain Applications, one per cluster, not an ApplicationSet (issue 13): meshgen
 * already is the generator, so a list generator would only restate its output; each Application
 * shows in the rendered diff a reviewer reads; sync waves order them (workload clusters, then the
 * management cluster, then verify) in one app-of-apps sync, which an ApplicationSet's generated
 * Applications do not follow; and nothing beyond Argo CD's Application controller is needed.
 */
final class EntryPoints {
  /**
   * Argo CD sync waves: the workload clusters first (the local overlay installs the egress gateway
   * that the management cluster's Gloo resources route to), then the Gloo configuration. Waves
   * below 1 are left to the platform's own Applications that install the CRDs' owners.
   */
  private static final int WORKLOAD_WAVE = 1;
  private static final int MGMT_WAVE = 2;

  private EntryPoints() {}

  static List<PlannedResource> plan(Environment env, Names names) {
    var gitops = env.gitops();
    if (gitops.repoUrl() == null) {
      return List.of();
    }
    List<PlannedResource> out = new ArrayList<>();
    var flux = gitops.flux();
    var argo = gitops.argocd();
    String source = names.fluxSource();
    for (Topology.Placement p : names.topology().all()) {
      Unit unit = p.flux();
      // Flux refuses the scp-like form: it gets the ssh:// URL (issue 10). Argo CD takes both and
      // matches its repository credentials by URL, so its Applications keep the URL as written.
      out.add(new PlannedResource(unit, "GitRepository", source, flux.namespace(), Values.of()
          .put("name", source).put("namespace", flux.namespace())
          .put("interval", flux.interval()).put("url", gitops.fluxUrl()).put("branch", gitops.branch())
          .put("secretRef", flux.secretRef())
          .build()));
      String name = p.entryPoint();
      out.add(new PlannedResource(unit, "Kustomization", name, flux.namespace(), Values.of()
          .put("name", name).put("namespace", flux.namespace())
          .put("interval", flux.interval())
          .put("path", "./" + names.repositoryPath(p.overlay()))
          .put("source", source)
          .put("dependsOn", dependsOn(env, p.role()))
          .build()));
      out.add(new PlannedResource(Unit.ARGOCD, "Application", name, argo.namespace(), Values.of()
          .put("name", name).put("namespace", argo.namespace())
          .put("wave", String.valueOf(p.role() == Role.MGMT ? MGMT_WAVE : WORKLOAD_WAVE))
          .put("project", argo.project())
          .put("repoUrl", gitops.repoUrl()).put("branch", gitops.branch())
          .put("path", names.repositoryPath(p.overlay()))
          .put("cluster", p.cluster().argocdName())
          .build()));
    }
    return out;
  }

  private static List<String> dependsOn(Environment env, Role role) {
    var d = env.gitops().flux().dependsOn();
    return switch (role) {
      case MGMT -> d.mgmt();
      case LOCAL -> d.local();
      case REMOTE -> d.remote();
    };
  }
}
