package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: kill -9 the packaged jar while it publishes, at each step (by a fault hook) and at times
 * spread over whole runs. The branch must then hold the old commit or the new one, never a torn
 * state, git fsck must be clean, and the next publish must land the render and leave no work
 * repository behind. SIGTERM, which the JVM can catch, must leave none at all.
 */
class KillPublishIT {
  /** Two renders of the environment that differ, published in turn so every run has something to push. */
  private static final List<String> TAGS = List.of("istio.tag=1.16.1-solo", "istio.tag=1.16.2-solo");

  @TempDir Path dir;
  Path remote;
  Jar jar;
  /** The tree of {@code main:example} each of {@link #TAGS} publishes. */
  String[] trees = new String[2];

  @BeforeEach
  void setUp() throws Exception {
    Path work = Inputs.copyInto(dir.resolve("config")).root();
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    jar = new Jar(work, Files.createDirectory(dir.resolve("tmp")));
  }

  /** Publishes both renders in turn, recording their trees; the branch then holds the second. */
  private void publishBothRenders(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      Jar.Run run = jar.run(publish(i));
      assertEquals(0, run.exit(), run::toString);
      trees[i] = rev("main:example");
    }
    assertTrue(count < 2 || !trees[0].equals(trees[1]));
  }

  private String[] publish(int tag) {
    return new String[] {"publish", "--env", "example", "--repo", remote.toString(), "--set", TAGS.get(tag)};
  }

  private String rev(String what) {
    return GitCli.run(remote, "rev-parse", "--verify", "-q", what).strip();
  }

  @Test
  void kill_atEachStepOfAPublish_leavesOldOrNewAndTheNextRunLandsAndCleansUp() throws Exception {
    publishBothRenders(2);
    int kills = 0;
    int target = 0;
    for (String point : List.of("fetch", "commit", "push", "sending", "pushed")) {
      String old = rev("main");
      Process p = jar.start(List.of("-Dmeshgen.fault=pause:" + point), publish(target));
      Jar.awaitPause(p, point);
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      kills++;

      assertOldOrNew(old, target, "killed at " + point);
      // the branch moves only once the push landed
      assertEquals(old, rev(point.equals("pushed") ? "main^" : "main"), point);
      assertEquals(1, jar.workFolders().size(), "kill -9 cannot be caught: the killed run's folder stays");
      assertNextRunLands(target);
      target = 1 - target;
    }
    assertEquals(5, kills);
  }

  @Test
  void kill_atTimesSpreadOverRuns_neverTearsTheBranch() throws Exception {
    publishBothRenders(2);
    // spread the kills over the length of a whole run as measured here, on this machine's load
    long started = System.nanoTime();
    assertEquals(0, jar.run(publish(1)).exit());
    long runMs = (System.nanoTime() - started) / 1_000_000;
    int kills = 0;
    int whileRunning = 0;
    int landed = 0;
    int target = 0;
    for (int step = 1; step <= 9; step++) {
      long delayMs = runMs * step / 10;
      String old = rev("main");
      Process p = jar.start(List.of(), publish(target));
      Thread.sleep(delayMs);
      whileRunning += p.isAlive() ? 1 : 0;
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      kills++;
      landed += assertOldOrNew(old, target, "killed after " + delayMs + " of " + runMs + " ms") ? 1 : 0;
      target = 1 - target;
    }
    System.out.println("KillPublishIT: " + kills + " timed kills over runs of " + runMs + " ms, " + whileRunning
        + " while the run was alive, " + landed + " after the push landed, 0 torn");
    assertEquals(9, kills);
    assertTrue(whileRunning >= 5, "most kills must hit a running publish, not one already done: " + whileRunning);
    assertNextRunLands(target);
  }

  @Test
  void sigterm_whilePaused_removesTheWorkRepositoryAndLeavesTheBranch() throws Exception {
    publishBothRenders(1);
    String old = rev("main");
    Process p = jar.start(List.of("-Dmeshgen.fault=pause:commit"), publish(1));
    Jar.awaitPause(p, "commit");
    assertEquals(1, jar.workFolders().size());

    p.destroy();

    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(List.of(), jar.workFolders());
    assertEquals(old, rev("main"));
  }

  @Test
  void publish_repositoryThatCannotStoreThePack_oneCleanErrorAndNoLeftover() throws Exception {
    Path full = GitCli.initBare(dir.resolve("full.git"));
    Files.delete(full.resolve("objects/pack"));
    Files.writeString(full.resolve("objects/pack"), "");

    Jar.Run run = jar.run("publish", "--env", "example", "--repo", full.toString());

    assertEquals(1, run.exit(), run::toString);
    List<String> errors = run.err().lines()
        .filter(l -> !l.contains(": warning: ") && !l.contains(": acknowledged: ")).toList();
    assertEquals(2, errors.size(), run::toString);
    assertTrue(errors.get(0).startsWith(full + ": error: the repository could not store the push ("), run::toString);
    assertEquals("meshgen publish: 1 error; nothing was written.", errors.get(1));
    assertEquals(List.of(), jar.workFolders());
  }

  /**
   * The branch holds {@code old}, or one new commit on it whose environment folder is exactly the
   * render of {@code target}; and fsck finds nothing broken. True when it is the new one.
   */
  private boolean assertOldOrNew(String old, int target, String when) {
    String now = rev("main");
    boolean isOld = now.equals(old);
    boolean isNew = old.equals(rev("main^")) && trees[target].equals(rev("main:example"));
    assertTrue(isOld || isNew, "torn branch " + when + ": main is " + now + ", was " + old);
    GitCli.assertFsckCleanAllowingDangling(remote);
    return !isOld;
  }

  private void assertNextRunLands(int target) throws Exception {
    Jar.Run run = jar.run(publish(target));
    assertEquals(0, run.exit(), run::toString);
    assertEquals(trees[target], rev("main:example"));
    assertEquals(List.of(), jar.workFolders(), "the next run removes the killed run's work repository");
    GitCli.assertFsckCleanAllowingDangling(remote);
  }
}
