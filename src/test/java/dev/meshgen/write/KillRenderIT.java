package dev.meshgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: kill -9 the packaged jar while it replaces the output, at each step of the swap (by a
 * fault hook) and at times spread over a whole run; every environment folder must then show the
 * complete old or the complete new tree, never a missing or mixed one, and the next run must
 * finish and leave nothing behind.
 */
class KillRenderIT {
  private static final String CHANGE = "istio.tag=1.16.1-solo";
  @TempDir Path dir;
  private Sources sources;
  private Path out;
  private Map<String, Map<String, String>> oldTrees;
  private Map<String, Map<String, String>> newTrees;

  @BeforeEach
  void renderOldAndNew() throws Exception {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
    Path fresh = dir.resolve("fresh");
    assertEquals(0, jar(List.of(), "render", "--all", "--out", fresh.toString(), "--set", CHANGE).waitFor());
    newTrees = trees(fresh);
    assertEquals(0, jar(List.of(), "render", "--all", "--out", out.toString()).waitFor());
    oldTrees = trees(out);
    assertTrue(!oldTrees.equals(newTrees));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stage:example", "stage:multi-region", "flip:example", "flip:multi-region", "cleanup:example",
      "cleanup:multi-region"})
  void kill_atEachStepOfTheSwap_leavesOldOrNewAndTheNextRunCleansUp(String point) throws Exception {
    Process p = jar(List.of("-Dmeshgen.fault=pause:" + point), "render", "--all", "--out", out.toString(), "--set", CHANGE);
    waitForPause(p);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertOldOrNew(point);
    assertNextRunFinishesClean();
  }

  @Test
  void kill_atTimesSpreadOverARun_neverLeavesAMissingOrMixedFolder() throws Exception {
    int kills = 0;
    for (int delayMs = 150; delayMs <= 2400; delayMs += 250) {
      // Back and forth between the two renders the assertion knows: old (no override) and new.
      Process p = (delayMs / 250) % 2 == 0
          ? jar(List.of(), "render", "--all", "--out", out.toString(), "--set", CHANGE)
          : jar(List.of(), "render", "--all", "--out", out.toString());
      Thread.sleep(delayMs);
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      kills++;
      assertOldOrNew("after " + delayMs + " ms");
    }
    assertEquals(10, kills);
    assertNextRunFinishesClean();
  }

  private void assertOldOrNew(String when) throws Exception {
    for (String env : oldTrees.keySet()) {
      Path folder = out.resolve(env);
      assertTrue(Files.isDirectory(folder), env + " is missing " + when);
      Map<String, String> now = files(folder);
      assertTrue(now.equals(oldTrees.get(env)) || now.equals(newTrees.get(env)), env + " is neither old nor new " + when);
    }
  }

  private void assertNextRunFinishesClean() throws Exception {
    Process p = jar(List.of(), "render", "--all", "--out", out.toString(), "--set", CHANGE);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals(newTrees, trees(out));
    try (Stream<Path> s = Files.list(out)) {
      List<String> names = s.map(x -> x.getFileName().toString()).sorted().toList();
      assertEquals(2 * newTrees.size(), names.size(), "only each environment's link and generation remain: " + names);
    }
  }

  private static void waitForPause(Process p) throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null) {
      if (line.startsWith("meshgen-fault: paused at ")) {
        return;
      }
    }
    throw new AssertionError("the run ended before its fault point (exit " + p.waitFor() + ")");
  }

  private Process jar(List<String> jvm, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", Path.of(System.getProperty("meshgen.jar", "target/meshgen.jar")).toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(TestProject.sourceArgs(sources));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    return p;
  }

  private Map<String, Map<String, String>> trees(Path out) throws Exception {
    Map<String, Map<String, String>> trees = new TreeMap<>();
    for (String env : dev.meshgen.environment.Environments.list(sources.environments())) {
      trees.put(env, files(out.resolve(env)));
    }
    return trees;
  }

  private static Map<String, String> files(Path folder) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
