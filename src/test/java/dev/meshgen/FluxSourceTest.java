package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.environment.Environment.Gitops;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Flux source of an environment (issue 10): a URL Flux accepts, the optional secretRef, and a
 * GitRepository name that two environments share exactly when they read the same repository and
 * branch.
 */
class FluxSourceTest {
  private static final String SCP = "git@git.example.com:platform/mesh-gitops.git";

  @Test
  void fluxUrl_scpLike_becomesSsh_otherUrlsUnchanged() {
    assertEquals("ssh://git@git.example.com/platform/mesh-gitops.git", Gitops.fluxUrl(SCP));
    assertEquals("ssh://git@git.example.com/srv/git/mesh.git", Gitops.fluxUrl("git@git.example.com:/srv/git/mesh.git"));
    assertEquals("https://git.example.com/platform/mesh-gitops.git",
        Gitops.fluxUrl("https://git.example.com/platform/mesh-gitops.git"));
    assertEquals("ssh://git@git.example.com:2222/mesh.git", Gitops.fluxUrl("ssh://git@git.example.com:2222/mesh.git"));
  }

  @Test
  void render_scpUrlAndSecretRef_fluxGetsSshAndTheSecretArgoKeepsTheUrl() throws Exception {
    Pipeline.Report r = Pipeline.of(TestProject.sources()).check(List.of("example"),
        List.of("gitops.repoUrl=" + SCP, "gitops.flux.secretRef=mesh-gitops-ssh"));
    assertFalse(r.hasErrors(), r.findings().toString());
    RenderedTree tree = r.trees().get(0);
    Manifest source = only(tree, "GitRepository", "flux/local/");
    assertEquals("ssh://git@git.example.com/platform/mesh-gitops.git", source.root().path("spec").path("url").asText());
    assertEquals("mesh-gitops-ssh", source.root().path("spec").path("secretRef").path("name").asText());
    Manifest app = only(tree, "Application", "argocd/application_argocd_example-local");
    assertEquals(SCP, app.root().path("spec").path("source").path("repoURL").asText());
  }

  @Test
  void render_withoutSecretRef_rendersNone() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources()).render(List.of("example"), List.of()).get(0);
    assertTrue(only(tree, "GitRepository", "flux/mgmt/").root().path("spec").path("secretRef").isMissingNode());
  }

  @Test
  void gitRepositoryName_sameRepositoryAndBranch_shared_otherBranch_own() throws Exception {
    Pipeline p = Pipeline.of(TestProject.sources());
    Manifest main = only(p.render(List.of("example"), List.of()).get(0), "GitRepository", "flux/local/");
    // The same repository written the scp-like way is the same repository to Flux.
    Manifest sameAsScp = only(p.render(List.of("example"), List.of("gitops.repoUrl=ssh://git@git.example.com/x.git"))
        .get(0), "GitRepository", "flux/local/");
    Manifest scp = only(p.render(List.of("example"), List.of("gitops.repoUrl=git@git.example.com:x.git")).get(0),
        "GitRepository", "flux/local/");
    Manifest release = only(p.render(List.of("example"), List.of("gitops.branch=release")).get(0), "GitRepository",
        "flux/local/");

    assertEquals(sameAsScp.name(), scp.name());
    assertEquals(sameAsScp.text(), scp.text());
    assertNotEquals(main.name(), release.name());
    assertNotEquals(main.name(), scp.name());
    for (Manifest m : List.of(main, scp, release)) {
      assertTrue(m.name().matches("mesh-gitops-[0-9a-f]{8}"), m.name());
    }
  }

  private static Manifest only(RenderedTree tree, String kind, String under) {
    List<Manifest> found = tree.manifests().stream()
        .filter(m -> m.kind().equals(kind) && (under.endsWith("/") ? m.path().startsWith(under) : m.path().equals(under + ".yaml"))).toList();
    assertEquals(1, found.size(), kind + " under " + under);
    return found.get(0);
  }
}
