package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a real bare repository on disk, checked with the git binary. */
class PublishTest {
  @TempDir Path dir;
  Path remote;
  Inputs inputs;

  @BeforeEach
  void setUp() {
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config"));
  }

  @AfterEach
  void fsck() {
    GitCli.assertFsckClean(remote);
  }

  @Test
  void publish_emptyRepository_commitsEveryFileWithTrailers() throws Exception {
    List<RenderedTree> trees = inputs.render("example");

    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), trees);

    assertTrue(p.commit().isPresent());
    assertEquals(List.of(p.commit().get()), GitCli.log(remote, "main"));
    assertEquals(trees.get(0).files().keySet().stream().map(f -> "example/" + f).sorted().toList(),
        GitCli.files(remote, "main"));
    for (var file : trees.get(0).files().entrySet()) {
      assertEquals(file.getValue(), GitCli.show(remote, "main", "example/" + file.getKey()));
    }
    String message = GitCli.message(remote, "main");
    assertTrue(message.startsWith("meshgen: publish example from 0123456789ab\n\nexample (example/): 57 added, "
        + "0 changed, 0 removed\n  A .meshgen\n"), message);
    assertTrue(message.strip().endsWith("\n\nArgocd-reference-commit-sha: " + Requests.SOURCE_SHA + "\n"
        + "Argocd-reference-commit-repourl: https://git.example.com/mesh/config.git\n"
        + "Meshgen-build-url: https://jenkins.example.com/job/mesh/42/\n"
        + "Meshgen-version: 9.9.9"), message);
    assertEquals(Requests.SOURCE_SHA + "\n", GitCli.run(remote, "log", "-1",
        "--format=%(trailers:key=Argocd-reference-commit-sha,valueonly)", "main").replaceAll("\n+", "\n"));
    assertEquals("Meshgen CI <ci@example.com>", GitCli.run(remote, "log", "-1", "--format=%an <%ae>", "main").strip());
  }

  @Test
  void publish_unchanged_makesNoCommit() throws Exception {
    List<RenderedTree> trees = inputs.render("example");
    Publisher.publish(Requests.to(remote.toString()).build(), trees);

    Publication again = Publisher.publish(Requests.to(remote.toString()).from(Requests.provenance(
        "89abcdef0123456789abcdef0123456789abcdef")).build(), inputs.render("example"));

    assertFalse(again.changed());
    assertTrue(again.commit().isEmpty());
    assertEquals(1, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_propertyChange_oneCommitTouchingOnlyTheAffectedFiles() throws Exception {
    List<RenderedTree> before = inputs.render("example");
    Publisher.publish(Requests.to(remote.toString()).build(), before);
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    List<RenderedTree> after = inputs.render("example");

    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), after);

    List<String> expected = new ArrayList<>();
    diff(before.get(0).files(), after.get(0).files()).forEach((file, mark) -> expected.add(mark + " example/" + file));
    assertFalse(expected.isEmpty());
    assertTrue(expected.size() < 5, () -> "a one-property change should touch few files: " + expected);
    assertEquals(2, GitCli.log(remote, "main").size());
    assertEquals(expected, GitCli.changedBy(remote, "main"));
    assertEquals(expected.size(), p.changes().get(0).modified().size());
  }

  @Test
  void publish_removedExternalService_removesItsFiles() throws Exception {
    inputs.replaceWith("example", "example-with-postman.yaml");
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    List<String> postman = GitCli.files(remote, "main").stream().filter(f -> f.contains("postman")).toList();
    assertEquals(7, postman.size(), postman::toString);

    inputs.cutFrom("example", "- name: postman");
    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));

    assertEquals(postman, p.changes().get(0).removed().stream().map(f -> "example/" + f).toList());
    assertTrue(GitCli.files(remote, "main").stream().noneMatch(f -> f.contains("postman")));
    assertTrue(GitCli.changedBy(remote, "main").containsAll(postman.stream().map(f -> "D " + f).toList()));
    assertEquals(2, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_handKeptFilesOutsideTheEnvironmentFolders_survive() throws Exception {
    GitCli.commitByHand(remote, "main", "README.md", "# GitOps\nKept by hand.\n", dir);
    GitCli.commitByHand(remote, "main", "ci/checks.yaml", "kind: Checks\n", dir);
    GitCli.commitByHand(remote, "main", "clusters/README.md", "one folder per environment\n", dir);
    Requests request = Requests.to(remote.toString()).underPath("clusters");
    Publisher.publish(request.build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");

    Publisher.publish(request.build(), inputs.render("example"));

    assertEquals("# GitOps\nKept by hand.\n", GitCli.show(remote, "main", "README.md"));
    assertEquals("kind: Checks\n", GitCli.show(remote, "main", "ci/checks.yaml"));
    assertEquals("one folder per environment\n", GitCli.show(remote, "main", "clusters/README.md"));
    assertTrue(GitCli.files(remote, "main").contains("clusters/example/.meshgen"));
    assertTrue(GitCli.changedBy(remote, "main").stream().allMatch(l -> l.startsWith("M clusters/example/")));
    assertEquals(5, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_foreignFileInEnvironmentFolder_refusedAndRemoteUnchanged() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    String head = GitCli.commitByHand(remote, "main", "example/overlays/mgmt/notes.txt", "mine\n", dir);
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example")));

    assertEquals(remote + " (main): error: example/: holds files meshgen did not write, which it would lose: "
        + "overlays/mgmt/notes.txt; move them out of the folder (hand-kept patches belong in "
        + "overlays/<role>/patches/)", e.diagnostics().get(0).toString());
    assertEquals(head, GitCli.log(remote, "main").get(0));
  }

  @Test
  void publish_folderNotWrittenByMeshgen_refused() throws Exception {
    String head = GitCli.commitByHand(remote, "main", "example/kustomization.yaml", "resources: []\n", dir);

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example")));

    assertTrue(e.getMessage().contains("example/: folder is not empty and was not written by meshgen"), e.getMessage());
    assertEquals(List.of(head), GitCli.log(remote, "main"));
  }

  @Test
  void publish_dryRun_reportsChangesAndPushesNothing() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    String head = GitCli.log(remote, "main").get(0);
    inputs.replaceWith("example", "example-with-postman.yaml");

    Publication p = Publisher.publish(Requests.to(remote.toString()).asDryRun().build(), inputs.render("example"));

    assertTrue(p.changed());
    assertTrue(p.commit().isEmpty());
    assertEquals(7, p.changes().get(0).added().size());
    assertTrue(p.changes().get(0).added().contains("overlays/mgmt/externalservice_app1-configs_postman-external-service.yaml"));
    assertTrue(p.changes().get(0).modified().contains(".meshgen"));
    assertEquals(List.of(head), GitCli.log(remote, "main"));
  }

  @Test
  void publish_severalEnvironments_oneCommitNamingThem() throws Exception {
    inputs.withCopyOfExample("staging").withCopyOfExample("prod");

    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("prod", "staging"));

    assertEquals(1, GitCli.log(remote, "main").size());
    assertTrue(GitCli.message(remote, "main").startsWith("meshgen: publish prod, staging from "));
    assertEquals(2, p.changes().size());
    assertTrue(GitCli.files(remote, "main").containsAll(List.of("prod/.meshgen", "staging/.meshgen")));
  }

  @Test
  void publish_missingBranchOnNonEmptyRepository_saysWhatToDo() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(remote.toString()).onBranch("release").build(), inputs.render("example")));

    assertEquals(remote + ": error: branch 'release' does not exist here: create it, or pass --branch with an "
        + "existing one", e.diagnostics().get(0).toString());
  }

  @Test
  void publish_noRepositoryAtPath_saysWhatToDo() {
    Path missing = dir.resolve("nothing-here.git");

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(missing.toString()).build(), inputs.render("example")));

    assertTrue(e.getMessage().startsWith(missing + ": error: no git repository at this address: check --repo"),
        e.getMessage());
  }

  @Test
  void publish_emptyOrPartialRender_refused() throws Exception {
    RenderedTree full = inputs.render("example").get(0);
    TreeMap<String, String> partial = new TreeMap<>(full.files());
    partial.remove("base/kustomization.yaml");
    RenderedTree onlyRecord = RenderedTree.readBack("example", new TreeMap<>(Map.of(RenderedTree.RECORD, RenderedTree.recordFor(Map.of()))));

    MeshgenException e1 = assertThrows(MeshgenException.class, () -> Publisher.publish(
        Requests.to(remote.toString()).build(), List.of(RenderedTree.readBack("example", partial))));
    MeshgenException e2 = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(remote.toString()).build(), List.of(onlyRecord)));
    MeshgenException e3 = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(remote.toString()).build(), List.of()));

    assertEquals("example: error: the render is partial (its .meshgen record does not list exactly its files); "
        + "refusing to publish it", e1.diagnostics().get(0).toString());
    assertEquals("example: error: the render is empty; refusing to publish it", e2.diagnostics().get(0).toString());
    assertTrue(e3.getMessage().contains("nothing to publish"));
    assertEquals(List.of(), GitCli.log(remote, "--all"));
  }

  /** What a commit replacing {@code before} by {@code after} does to each file: A, M or D. */
  static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new TreeMap<>();
    after.forEach((f, text) -> {
      if (!before.containsKey(f)) {
        out.put(f, "A");
      } else if (!before.get(f).equals(text)) {
        out.put(f, "M");
      }
    });
    before.keySet().stream().filter(f -> !after.containsKey(f)).forEach(f -> out.put(f, "D"));
    return out;
  }
}
