package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.publish.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a publish links to a source commit only when that commit holds what was published; a
 * dirty source tree is refused unless --allow-dirty, and then the trailers say so. Every override
 * is recorded. Real repositories, read back with C git.
 */
class PublishProvenanceTest {
  @TempDir Path dir;
  private Sources sources;
  private Path bare;
  private String head;

  @BeforeEach
  void sourceRepositoryAndGitOpsRepository() {
    Path source = dir.resolve("config");
    sources = TestProject.copySources(source);
    GitCli.run(source, "init", "-q", "-b", "main");
    GitCli.run(source, "add", ".");
    GitCli.run(source, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "config");
    head = GitCli.run(source, "rev-parse", "HEAD").strip();
    bare = GitCli.initBare(dir.resolve("gitops.git"));
  }

  private TestProject.Result publish(String... more) {
    List<String> args = new ArrayList<>(List.of("publish", "--env", "example", "--repo", bare.toString()));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  @Test
  void publish_cleanTree_linksHeadAndRecordsEachOverride() {
    TestProject.Result r = publish("--set", "istio.tag=1.16.9-solo", "--set-string", "verify.image=curlimages/curl:8.6.0");
    assertEquals(0, r.exit(), r.err());
    String message = GitCli.message(bare, "main");
    assertTrue(message.contains("\nArgocd-reference-commit-sha: " + head + "\n"), message);
    assertTrue(message.contains("\nMeshgen-set: istio.tag=1.16.9-solo\n"), message);
    assertTrue(message.contains("\nMeshgen-set-string: verify.image=curlimages/curl:8.6.0\n"), message);
    assertFalse(message.contains("Meshgen-source-dirty"), message);
  }

  @Test
  void publish_dirtyTree_isRefusedAndNothingIsPushed() throws Exception {
    Path example = sources.environments().resolve("example.yaml");
    Files.writeString(example, Files.readString(example).replace("cluster1", "cluster9"));

    TestProject.Result r = publish();

    assertEquals(1, r.exit());
    assertEquals(sources.environments() + ": error: the source tree has changes no commit holds "
        + "(environments/example.yaml), so no commit would say what was published; commit them, or publish with "
        + "--allow-dirty (the commit then says Meshgen-source-dirty: true and names no source commit)", r.firstError());
    assertEquals(List.of(), GitCli.tryRun(bare, "rev-parse", "--verify", "-q", "main").stdout().lines().toList());
  }

  @Test
  void publish_untrackedTemplate_makesTheTreeDirtyToo() throws Exception {
    Files.writeString(sources.templates().resolve("extra.yaml.ftl"), "# new\n");
    assertEquals(1, publish().exit());
  }

  @Test
  void publish_dirtyTreeAllowed_saysSoInTheTrailersAndLinksNoCommit() throws Exception {
    Path example = sources.environments().resolve("example.yaml");
    Files.writeString(example, Files.readString(example).replace("cluster1", "cluster9"));

    TestProject.Result r = publish("--allow-dirty", "--source-sha", head);

    assertEquals(0, r.exit(), r.err());
    String message = GitCli.message(bare, "main");
    assertTrue(message.contains("\nMeshgen-source-dirty: true\n"), message);
    assertFalse(message.contains("Argocd-reference-commit-sha"), message);
  }
}
