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

/** {@code meshgen publish} through {@link Main#run}: what it prints and which exit code it returns. */
class PublishCommandTest {
  @TempDir Path dir;
  Path remote;
  Inputs inputs;
  String out;
  String err;

  @BeforeEach
  void setUp() {
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config"));
  }

  @Test
  void publish_thenRepublish_saysNoChangeAndExitsZero() {
    assertEquals(0, run("--env", "example", "--repo", remote.toString()));
    assertTrue(out.startsWith("example: example/: 41 resources added, 0 changed, 0 removed\npublished "), out);
    assertTrue(out.endsWith(" to " + remote + " (branch main)\n"), out);

    assertEquals(0, run("--env", "example", "--repo", remote.toString()));

    assertEquals("example: example/ is up to date\nno change: " + remote + " (branch main) already holds this "
        + "render; nothing committed\n", out);
    assertEquals(1, GitCli.log(remote, "main").size());
    GitCli.assertFsckClean(remote);
  }

  @Test
  void publish_dryRun_listsFilesAndPushesNothing() {
    assertEquals(0, run("--env", "example", "--repo", remote.toString(), "--path", "clusters/mesh", "--dry-run"));

    assertTrue(out.startsWith("example: clusters/mesh/example/: 41 resources added, 0 changed, 0 removed\n  A .meshgen\n"
        + "  A README.md\n  A argocd/application_argocd_example-local-verify.yaml\n  A argocd/application_argocd_example-local.yaml\n"), out);
    assertTrue(out.endsWith("dry run: would commit 1 environment(s) to " + remote + " (branch main); nothing was "
        + "pushed\n"), out);
    assertEquals(List.of(), GitCli.log(remote, "--all"));
  }

  @Test
  void publish_authorAndBuildUrl_endUpInTheCommit() {
    assertEquals(0, run("--env", "example", "--repo", remote.toString(), "--author", "Jenkins <ci@example.com>",
        "--build-url", "https://jenkins.example.com/job/mesh/7/", "--source-sha",
        "0123456789abcdef0123456789abcdef01234567"));

    assertEquals("Jenkins <ci@example.com>", GitCli.run(remote, "log", "-1", "--format=%an <%ae>", "main").strip());
    String message = GitCli.message(remote, "main");
    // The trailers name the source commit and the build (a repourl trailer sits between them when
    // the checkout running the tests has an origin remote).
    assertTrue(message.contains("\nArgocd-reference-commit-sha: 0123456789abcdef0123456789abcdef01234567\n"), message);
    assertTrue(message.contains("\nMeshgen-build-url: https://jenkins.example.com/job/mesh/7/\n"), message);
  }

  @Test
  void publish_badOptions_areUsageErrors() {
    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--author", "nobody"));
    assertTrue(err.startsWith("meshgen publish: --author 'nobody': write it as \"Name <email>\"\n"), err);

    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--password", "hunter2"));
    assertTrue(err.startsWith("meshgen publish: a password is never taken on the command line: put it in "
        + "GIT_PASSWORD, or in the environment variable named by --password-env\n"), err);
    assertTrue(!err.contains("hunter2"), err);
    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--pass=hunter2"));
    assertTrue(!err.contains("hunter2"), err);

    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--attempts", "0"));
    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--path", "../elsewhere"));
    assertEquals(64, run("--env", "example", "--repo", remote.toString(), "--source-sha", "HEAD"));
  }

  @Test
  void publish_invalidProperty_exitsOneAndPublishesNothing() {
    inputs.edit("example", "number: 443", "number: 70000");

    assertEquals(1, run("--env", "example", "--repo", remote.toString()));

    assertTrue(err.contains("example.yaml:"), err);
    assertEquals(List.of(), GitCli.log(remote, "--all"));
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("publish",
        "--environments", inputs.root().resolve("environments").toString(),
        "--templates", inputs.root().resolve("templates").toString(),
        "--overlays", inputs.root().resolve("overlays").toString()));
    all.addAll(Arrays.asList(args));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }
}
