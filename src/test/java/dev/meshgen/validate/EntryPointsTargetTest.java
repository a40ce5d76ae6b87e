package dev.meshgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule entry-points-target on multi-region (gitops.path clusters/mesh, branch release/mesh) with
 * one entry point broken by hand: a Flux Kustomization or Argo CD Application that watches another
 * folder or branch than the one publish writes, or a GitRepository that reads another repository.
 */
class EntryPointsTargetTest {
  private static final String FLUX = "flux/local/";
  private static RenderedTree multi;
  private static Environment.Gitops gitops;

  @BeforeAll
  static void render() throws Exception {
    multi = Pipeline.of(TestProject.sources()).check(List.of("multi-region"), List.of()).trees().get(0);
    gitops = Environments.load(TestProject.sources().environments(), "multi-region", List.of()).gitops();
  }

  private static List<String> findings(RenderedTree tree) {
    return Validator.setupRules().validate(tree, "mgmt-euw1", gitops).stream().map(Diagnostic::toString).toList();
  }

  private static RenderedTree edit(String file, String from, String to) throws Exception {
    String text = multi.files().get(file);
    assertTrue(text != null && text.indexOf(from) >= 0 && text.indexOf(from) == text.lastIndexOf(from),
        "'" + from + "' must occur once in " + file);
    TreeMap<String, String> files = new TreeMap<>(multi.files());
    files.put(file, text.replace(from, to));
    return RenderedTree.readBack(multi.environment(), files);
  }

  private static String fluxSource() {
    return multi.files().keySet().stream().filter(f -> f.startsWith(FLUX + "gitrepository_")).findFirst().orElseThrow();
  }

  @Test
  void renderedEntryPoints_pointWherePublishWrites() {
    assertEquals(List.of(), findings(multi));
  }

  @Test
  void fluxKustomization_pathWithoutGitopsPath_isAnError() throws Exception {
    var tree = edit(FLUX + "kustomization_flux-system_multi-region-local.yaml",
        "path: \"./clusters/mesh/multi-region/overlays/local\"", "path: \"./multi-region/overlays/local\"");
    assertEquals(List.of("multi-region/flux/local/kustomization_flux-system_multi-region-local.yaml:9:3: error: "
        + "spec.path: 'multi-region/overlays/local' is not a folder that meshgen publishes for this environment: "
        + "expected clusters/mesh/multi-region/<folder> (gitops.path/<env>/), one of "
        + "clusters/mesh/multi-region/overlays/local, clusters/mesh/multi-region/overlays/mgmt, "
        + "clusters/mesh/multi-region/overlays/remote [entry-points-target]",
        "multi-region/overlays/local/kustomization.yaml:4:1: error: resources: no Flux Kustomization syncs overlays/local, "
            + "so its cluster never gets it; every cluster needs exactly one entry point [one-entry-point-per-cluster]"),
        findings(tree));
  }

  @Test
  void fluxKustomization_otherSource_isAnError() throws Exception {
    String source = multi.files().get(fluxSource()).lines().filter(l -> l.startsWith("  name: ")).findFirst()
        .orElseThrow().substring("  name: ".length());
    var tree = edit(FLUX + "kustomization_flux-system_multi-region-local.yaml", "name: " + source, "name: mesh-gitops");
    assertEquals(List.of("multi-region/flux/local/kustomization_flux-system_multi-region-local.yaml:11:3: error: "
        + "spec.sourceRef: reads GitRepository 'mesh-gitops', which is not rendered beside it; point it at the "
        + "GitRepository of this folder, which reads gitops.repoUrl and gitops.branch [entry-points-target]"),
        findings(tree));
  }

  @Test
  void gitRepository_otherBranchAndUrl_areErrors() throws Exception {
    TreeMap<String, String> files = new TreeMap<>(multi.files());
    files.put(fluxSource(), multi.files().get(fluxSource()).replace("branch: release/mesh", "branch: main")
        .replace("ssh://git@git.example.com/", "https://git.example.com/"));
    var tree = RenderedTree.readBack("multi-region", files);
    String file = "multi-region/" + fluxSource();
    assertEquals(List.of(
        file + ":9:3: error: spec.url: is 'https://git.example.com/platform/mesh-gitops.git', but gitops.repoUrl (as "
            + "Flux takes it) is 'ssh://git@git.example.com/platform/mesh-gitops.git', where meshgen publishes this "
            + "environment; render it from the property [entry-points-target]",
        file + ":11:5: error: spec.ref.branch: is 'main', but gitops.branch is 'release/mesh', where meshgen publishes "
            + "this environment; render it from the property [entry-points-target]"), findings(tree));
  }

  @Test
  void argoApplication_otherRevision_isAnError() throws Exception {
    var tree = edit("argocd/application_argocd_multi-region-remote.yaml", "targetRevision: release/mesh",
        "targetRevision: HEAD");
    assertEquals(List.of("multi-region/argocd/application_argocd_multi-region-remote.yaml:13:5: error: "
        + "spec.source.targetRevision: is 'HEAD', but gitops.branch is 'release/mesh', where meshgen publishes this "
        + "environment; render it from the property [entry-points-target]"), findings(tree));
  }

  @Test
  void argoApplication_folderNotInTheTree_isAnError() throws Exception {
    var tree = edit("argocd/application_argocd_multi-region-mgmt.yaml",
        "path: clusters/mesh/multi-region/overlays/mgmt", "path: clusters/mesh/multi-region/overlays/management");
    assertEquals(List.of("multi-region/argocd/application_argocd_multi-region-mgmt.yaml:14:5: error: "
        + "spec.source.path: 'clusters/mesh/multi-region/overlays/management' is not a folder that meshgen publishes "
        + "for this environment: expected clusters/mesh/multi-region/<folder> (gitops.path/<env>/), one of "
        + "clusters/mesh/multi-region/overlays/local, clusters/mesh/multi-region/overlays/mgmt, "
        + "clusters/mesh/multi-region/overlays/remote [entry-points-target]",
        // The mgmt overlay is then synced by no Application at all (issue 13).
        "multi-region/overlays/mgmt/kustomization.yaml:4:1: error: resources: no Argo CD Application syncs overlays/mgmt, "
            + "so its cluster never gets it; every cluster needs exactly one entry point [one-entry-point-per-cluster]"),
        findings(tree));
  }

  @Test
  void withoutGitops_theRuleIsSkipped() throws Exception {
    var tree = edit("argocd/application_argocd_multi-region-remote.yaml", "targetRevision: release/mesh",
        "targetRevision: HEAD");
    assertEquals(List.of(), Validator.setupRules().validate(tree, "mgmt-euw1"));
  }
}
