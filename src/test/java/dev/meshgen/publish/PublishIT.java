package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the packaged jar run as a process, publishing to real repositories. */
class PublishIT {
  @TempDir Path dir;
  Path work;
  Path remote;

  /** Exit code and output of one run of the jar. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() {
    work = Inputs.copyInto(dir.resolve("config")).withCopyOfExample("staging").root();
    remote = GitCli.initBare(dir.resolve("gitops.git"));
  }

  @Test
  void publish_example_thenRepublish_noNewCommit() throws Exception {
    Run first = meshgen(Map.of(), "publish", "--env", "example", "--repo", remote.toString());
    Run second = meshgen(Map.of(), "publish", "--env", "example", "--repo", remote.toString());

    assertEquals(0, first.exit(), first::toString);
    assertTrue(first.out().contains("published "), first::toString);
    assertEquals(0, second.exit(), second::toString);
    assertTrue(second.out().contains("no change: " + remote + " (branch main) already holds this render; nothing "
        + "committed"), second::toString);
    assertEquals(1, GitCli.log(remote, "main").size());
    assertTrue(GitCli.message(remote, "main").contains("\nMeshgen-version: 0.1.0\n"));
    GitCli.assertFsckClean(remote);
  }

  @Test
  void publish_toTheLocalDefaultRepository_createsItAndPutsEachEnvironmentOnItsBranch() throws Exception {
    // The README's main job: --repo redirects every environment to build/gitops.git, created if
    // missing; the branch and folder still come from each environment's gitops block.
    Run run = meshgen(Map.of(), "publish", "--all", "--repo", "build/gitops.git");

    assertEquals(0, run.exit(), run::toString);
    assertTrue(run.out().startsWith("created an empty repository at build/gitops.git (see it with: git clone "
        + "build/gitops.git)\n"), run::toString);
    Path bare = work.resolve("build/gitops.git");
    GitCli.run(work, "clone", "-q", bare.toString(), dir.resolve("clone").toString());
    assertTrue(Files.isRegularFile(dir.resolve("clone/example/overlays/mgmt/kustomization.yaml")));
    assertTrue(Files.isRegularFile(dir.resolve("clone/staging/.meshgen")));
    assertTrue(GitCli.files(bare, "release/mesh").contains("clusters/mesh/multi-region/overlays/mgmt/kustomization.yaml"));
    GitCli.assertFsckClean(bare);
  }

  @Test
  void publish_wrongPasswordOverHttp_exitsOneWithoutPrintingTheSecret() throws Exception {
    String secret = "Wr0ng-but-s3cret-e2e";
    try (GitServer server = GitServer.start(remote, "the-right-one-0b5c")) {
      Run run = meshgen(Map.of("GIT_USERNAME", GitServer.USER, "GIT_PASSWORD", secret),
          "publish", "--env", "example", "--repo", server.url(), "--stacktrace");
      Run inUrl = meshgen(Map.of(), "publish", "--env", "example", "--repo",
          server.url().replace("http://", "http://alice:" + secret + "@"));

      assertEquals(1, run.exit(), run::toString);
      assertTrue(run.err().lines().anyMatch(l -> l.startsWith(server.url() + ": error: authentication refused: check "
          + "GIT_USERNAME and GIT_PASSWORD")), run::toString);
      assertFalse((run.out() + run.err()).contains(secret), run::toString);
      assertEquals(1, inUrl.exit(), inUrl::toString);
      assertTrue(inUrl.err().contains("http://alice:***@127.0.0.1:"), inUrl::toString);
      assertFalse((inUrl.out() + inUrl.err()).contains(secret), inUrl::toString);
    }
    assertEquals(List.of(), GitCli.log(remote, "--all"));
  }

  @Test
  void publish_twoProcessesRacingOnOneBranch_bothLand() throws Exception {
    meshgen(Map.of(), "publish", "--env", "example", "--repo", remote.toString());
    Process a = start(Map.of(), "publish", "--env", "staging", "--repo", remote.toString());
    Process b = start(Map.of(), "publish", "--env", "example", "--repo", remote.toString(),
        "--set", "externalServices[0].tlsOrigination.mode=DISABLE");

    Run ra = finish(a);
    Run rb = finish(b);

    assertEquals(0, ra.exit(), ra::toString);
    assertEquals(0, rb.exit(), rb::toString);
    assertEquals(3, GitCli.log(remote, "main").size());
    assertTrue(GitCli.files(remote, "main").contains("staging/.meshgen"));
    assertTrue(GitCli.show(remote, "main", "example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml")
        .contains("DISABLE"));
    GitCli.assertFsckCleanAllowingDangling(remote);
  }

  private Run meshgen(Map<String, String> env, String... args) throws Exception {
    return finish(start(env, args));
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("BUILD_URL"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static Run finish(Process p) throws Exception {
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread t = new Thread(() -> {
      try {
        err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.completeExceptionally(e);
      }
    });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("meshgen did not finish");
    }
    return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
  }

  private static String jar() {
    String jar = System.getProperty("meshgen.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new AssertionError("system property meshgen.jar must point at the packaged jar (run mvn verify)");
    }
    return jar;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
