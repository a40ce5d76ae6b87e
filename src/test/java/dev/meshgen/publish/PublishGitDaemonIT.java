package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: four publishers at once, as four processes of the packaged jar, against C git's own
 * server ({@code git daemon}), for ten rounds: no update is lost (after each round every
 * environment holds that round's render and the branch gained one commit per publisher) and
 * fsck stays clean. The JGit-servlet counterpart is {@link PublishRaceTest}.
 */
class PublishGitDaemonIT {
  private static final List<String> ENVIRONMENTS = List.of("alpha", "bravo", "charlie", "delta");
  private static final int ROUNDS = 10;

  @TempDir Path dir;

  @Test
  void fourPublishersAtOnce_tenRounds_loseNoUpdate() throws Exception {
    Inputs inputs = Inputs.copyInto(dir.resolve("config"));
    ENVIRONMENTS.forEach(inputs::withCopyOfExample);
    Path served = Files.createDirectory(dir.resolve("srv"));
    Path remote = GitCli.initBare(served.resolve("gitops.git"));
    Jar jar = new Jar(inputs.root(), Files.createDirectory(dir.resolve("tmp")));
    int retried = 0;
    try (GitDaemon daemon = GitDaemon.serve(served)) {
      for (int round = 1; round <= ROUNDS; round++) {
        List<Process> publishers = new ArrayList<>();
        for (String env : ENVIRONMENTS) {
          publishers.add(jar.start(List.of(), "publish", "--env", env, "--repo", daemon.url("gitops.git"),
              "--attempts", "10", "--set", "istio.tag=" + tag(round)));
        }
        for (int i = 0; i < publishers.size(); i++) {
          Jar.Run run = Jar.finish(publishers.get(i));
          assertEquals(0, run.exit(), ENVIRONMENTS.get(i) + " in round " + round + ": " + run);
          retried += run.out().contains("attempt") ? 1 : 0;
        }
        for (String env : ENVIRONMENTS) {
          assertEquals(List.of(tag(round)), tags(remote, env), env + " after round " + round);
        }
        assertEquals(ENVIRONMENTS.size() * round, GitCli.log(remote, "main").size(), "commits after round " + round);
      }
    }
    GitCli.assertFsckCleanAllowingDangling(remote);
    assertEquals(List.of(), jar.workFolders());
    System.out.println("PublishGitDaemonIT: " + ROUNDS + " rounds x " + ENVIRONMENTS.size() + " publishers, "
        + retried + " runs needed a retry, 0 updates lost");
  }

  private static String tag(int round) {
    return "1.16." + round + "-solo";
  }

  /** The distinct Istio tags the environment's folder on main holds. */
  private static List<String> tags(Path remote, String env) {
    String out = GitCli.run(remote, "grep", "-ohE", "1\\.16\\.[0-9]+-solo", "main", "--", env + "/");
    return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).distinct().sorted().toList();
  }
}
