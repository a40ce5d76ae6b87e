package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a process, as a user and CI run it. */
class RenderJarIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run jar(Path cwd, List<String> jvm, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", System.getProperty("meshgen.jar", "target/meshgen.jar")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void jar_version_printsTheProjectVersion() throws Exception {
    Run r = jar(dir, List.of(), "--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("meshgen \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), r.out());
  }

  @Test
  void jar_renderInProjectFolder_usesDefaultsAndIsByteStableAcrossLocaleAndZone() throws Exception {
    Path project = dir.resolve("project");
    TestProject.copySources(project);
    Run first = jar(project, List.of("-Duser.language=en", "-Duser.timezone=UTC"), "render", "--all", "--out", "a");
    Run second = jar(project, List.of("-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Kiritimati",
        "-Dfile.encoding=ISO-8859-1"), "render", "--all", "--out", "b");
    assertEquals(0, first.exit(), first.err());
    assertEquals(0, second.exit(), second.err());
    Map<String, String> a = TestProject.snapshot(project.resolve("a"));
    assertTrue(a.containsKey("example/overlays/mgmt/kustomization.yaml"), a.toString());
    assertEquals(a, TestProject.snapshot(project.resolve("b")));
  }

  @Test
  void jar_badInput_exitsOneWithoutStackTrace() throws Exception {
    Path project = dir.resolve("project");
    TestProject.copySources(project);
    Run r = jar(project, List.of(), "render", "--env", "missing", "--out", "o");
    assertEquals(1, r.exit());
    assertEquals("environments/missing.yaml: error: environment 'missing' not found; known: example, fleet, multi-region, partners",
        r.err().lines().findFirst().orElseThrow());
    assertTrue(!r.err().contains("\tat "), r.err());
  }

  @Test
  void jar_usageError_exitsTwo() throws Exception {
    assertEquals(64, jar(dir, List.of(), "render", "--env", "../etc", "--out", "o").exit());
  }
}
