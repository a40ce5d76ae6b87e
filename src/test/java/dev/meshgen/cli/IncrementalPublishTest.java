package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.publish.GitCli;
import dev.meshgen.publish.Inputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} renders only the environments whose inputs differ from what their folder in the
 * GitOps repository records (issue 14), and commits exactly the trees a full publish commits.
 */
class IncrementalPublishTest {
  /** The branches the fixture environments' gitops blocks name. */
  private static final List<String> BRANCHES = List.of("main", "release/mesh", "release/partners");

  @TempDir Path dir;
  Inputs inputs;
  String out;
  String err;

  @BeforeEach
  void setUp() {
    inputs = Inputs.copyInto(dir.resolve("config"));
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("publish",
        "--environments", inputs.root().resolve("environments").toString(),
        "--templates", inputs.root().resolve("templates").toString(),
        "--overlays", inputs.root().resolve("overlays").toString(),
        "--source-sha", "0123456789abcdef0123456789abcdef01234567", "--author", "Meshgen CI <ci@example.com>"));
    all.addAll(Arrays.asList(args));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private String summary() {
    return out.lines().reduce((a, b) -> b).orElse("");
  }

  /** Each branch's committed tree: equal ids mean byte-identical trees. */
  private static List<String> trees(Path repo) {
    return BRANCHES.stream().map(b -> GitCli.run(repo, "rev-parse", b + "^{tree}").strip()).toList();
  }

  @Test
  void publish_oneEnvironmentChanged_rendersOnlyItAndCommitsTheTreesOfAFullPublish() {
    Path incremental = GitCli.initBare(dir.resolve("incremental.git"));
    Path full = GitCli.initBare(dir.resolve("full.git"));
    assertEquals(0, run("--all", "--repo", incremental.toString()), err);
    assertEquals(0, run("--all", "--repo", full.toString()), err);
    inputs.edit("multi-region", "mode: SIMPLE", "mode: DISABLE");

    assertEquals(0, run("--all", "--repo", incremental.toString()), err);
    String incrementalErr = err;
    assertEquals("meshgen publish: 4 environments (rendered 1, unchanged 3)", summary());
    assertTrue(out.contains("multi-region: clusters/mesh/multi-region/: 0 resources added, 1 changed, 0 removed\n"), out);
    assertEquals(0, run("--all", "--full", "--repo", full.toString()), err);
    assertEquals("meshgen publish: 4 environments (rendered 4, unchanged 0)", summary());

    assertEquals(trees(full), trees(incremental));
    assertEquals(2, GitCli.log(incremental, "release/mesh").size());
    assertEquals(1, GitCli.log(incremental, "main").size());
    assertEquals(err, incrementalErr, "the kept environments' warnings are reported as a full publish reports them");
    GitCli.assertFsckClean(incremental);
  }

  @Test
  void publish_nothingChanged_rendersNothingAndCommitsNothing() {
    Path remote = GitCli.initBare(dir.resolve("gitops.git"));
    assertEquals(0, run("--all", "--repo", remote.toString()), err);

    assertEquals(0, run("--all", "--repo", remote.toString()), err);

    assertEquals("meshgen publish: 4 environments (rendered 0, unchanged 4)", summary());
    assertEquals(1, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_fileEditedByHandInTheRepository_isRenderedAgainAndRestored() {
    Path remote = GitCli.initBare(dir.resolve("gitops.git"));
    assertEquals(0, run("--all", "--repo", remote.toString()), err);
    List<String> published = trees(remote);
    String path = "example/base/kustomization.yaml";
    GitCli.commitByHand(remote, "main", path, GitCli.show(remote, "main", path) + "# edited by hand\n", dir);

    assertEquals(0, run("--all", "--repo", remote.toString()), err);

    assertEquals("meshgen publish: 4 environments (rendered 1, unchanged 3)", summary());
    assertTrue(out.startsWith("example: example/: 0 resources added, 0 changed, 0 removed\nfleet: fleet/ is up to date\n"
        + "published "), out);
    assertEquals(published, trees(remote));
  }

  @Test
  void publish_keptEnvironmentCollidesWithAChangedOne_isReportedAndNothingIsPushed() throws Exception {
    // The kept environment's documents are read from the branch only because a cluster is shared.
    Path remote = GitCli.initBare(dir.resolve("gitops.git"));
    assertEquals(0, run("--all", "--repo", remote.toString()), err);
    List<String> published = trees(remote);
    Path environments = inputs.root().resolve("environments");
    String example = java.nio.file.Files.readString(environments.resolve("example.yaml"));
    java.nio.file.Files.writeString(environments.resolve("twin.yaml"),
        example.replace("    name: mgmt\n", "    name: twin-mgmt\n"));

    assertEquals(1, run("--all", "--repo", remote.toString()), err);
    String kept = err;
    assertEquals(1, run("--all", "--full", "--repo", remote.toString()), err);

    assertTrue(kept.contains("environments 'example' (clusters.local.name at "), kept);
    assertTrue(kept.contains("[one-owner-per-cluster]"), kept);
    assertEquals(err, kept);
    assertEquals(published, trees(remote));
  }
}
