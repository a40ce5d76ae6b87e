package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.pipeline.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden trees: each folder under src/test/resources/scenarios holds its inputs ({@code
 * environments/}, optionally {@code overlays/}) and, in {@code expected/}, every file {@code
 * meshgen render --all} writes for them plus {@code warnings.txt} (its stderr, when any), or only
 * {@code errors.txt}, the exact stderr of a render that fails. Re-approve with
 * {@code MESHGEN_APPROVE=1 mvn -B test}, which rewrites each expected/.
 */
class ScenarioTest {
  static final Path SCENARIOS = TestProject.root().resolve("src/test/resources/scenarios");
  static final String ERRORS = "errors.txt";
  static final String WARNINGS = "warnings.txt";

  @TempDir Path dir;

  static List<String> scenarios() throws IOException {
    try (Stream<Path> folders = Files.list(SCENARIOS)) {
      List<String> names = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no scenarios in " + SCENARIOS);
      return names;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void render_scenario_isByteStableAndMatchesExpected(String name) throws Exception {
    Path scenario = SCENARIOS.resolve(name);
    Path overlays = Files.isDirectory(scenario.resolve("overlays"))
        ? scenario.resolve("overlays")
        : TestProject.shipped().overlays();
    Sources sources = new Sources(scenario.resolve("environments"), TestProject.shipped().templates(), overlays);

    Map<String, byte[]> first = render(sources, scenario, dir.resolve("first"));
    Map<String, byte[]> second = render(sources, scenario, dir.resolve("second"));
    assertEquals(List.of(), compare(first, second), name + ": two renders of the same inputs differ");

    Path expected = scenario.resolve("expected");
    if (TestProject.approving()) {
      approve(expected, first);
      return;
    }
    List<String> problems = compare(read(expected), first);
    assertTrue(problems.isEmpty(), name + ": the render differs from " + TestProject.root().relativize(expected) + " (" + problems.size() + " file(s)); if intended, re-approve with "
        + "MESHGEN_APPROVE=1 mvn -B test\n" + String.join("\n", problems));
  }

  /**
   * Renders every environment of the scenario into {@code out}; returns what it wrote, plus
   * warnings.txt, or only errors.txt when the render fails. Paths in messages are made relative
   * to the scenario (inputs) or the project (templates), so they read the same on every machine.
   */
  private static Map<String, byte[]> render(Sources sources, Path scenario, Path out) {
    TestProject.Result r = TestProject.render(sources, out, "--all");
    assertTrue(r.exit() == 0 || r.exit() == 1, "exit " + r.exit() + ": a scenario is never a usage error\n" + r.err());
    String stderr = r.err().replace(scenario + "/", "").replace(TestProject.root() + "/", "").replace(out.toString(), "out");
    Map<String, byte[]> files = read(out);
    if (!stderr.isEmpty()) {
      files.put(r.exit() == 0 ? WARNINGS : ERRORS, stderr.getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  /** One line per file that is missing, extra or different in {@code actual}, with where it first differs. */
  static List<String> compare(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(expected.keySet());
    paths.addAll(actual.keySet());
    for (String path : paths) {
      byte[] want = expected.get(path);
      byte[] got = actual.get(path);
      if (got == null) {
        problems.add("missing: " + path);
      } else if (want == null) {
        problems.add("extra: " + path);
      } else if (!Arrays.equals(want, got)) {
        problems.add("different: " + path + firstDifference(text(want), text(got)));
      }
    }
    return problems;
  }

  /** The first differing line and the two after it: expected (-) and actual (+), or once when equal. */
  private static String firstDifference(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    int line = 0;
    while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
      line++;
    }
    if (line == want.size() && line == got.size()) {
      return " (line endings or the final newline differ)";
    }
    StringBuilder b = new StringBuilder(", first at line " + (line + 1) + ":");
    for (int i = line; i < Math.min(line + 3, Math.max(want.size(), got.size())); i++) {
      String w = i < want.size() ? want.get(i) : "<end of file>";
      String g = i < got.size() ? got.get(i) : "<end of file>";
      b.append(w.equals(g) ? "\n      " + w : "\n    - " + w + "\n    + " + g);
    }
    return b.toString();
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.length() > 100_000 ? s.substring(0, 100_000) : s;
  }

  /**
   * Every file under {@code folder} by relative path, as a reader sees it: through each
   * environment's link, without meshgen's generation folders; empty when the folder is absent.
   */
  static Map<String, byte[]> read(Path folder) {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = folder.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith(".meshgen-gen-")) {
          files.put(rel, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Replaces {@code expected} with {@code files}, so a file that is no longer written disappears too. */
  private static void approve(Path expected, Map<String, byte[]> files) throws IOException {
    if (Files.exists(expected)) {
      try (Stream<Path> walk = Files.walk(expected)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (var f : files.entrySet()) {
      Path target = expected.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, f.getValue());
    }
  }
}
