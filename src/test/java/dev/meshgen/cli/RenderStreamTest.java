package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.yaml.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: {@code render --out -} prints the documents, as helm template and kustomize build do. */
class RenderStreamTest {
  @TempDir Path dir;

  @Test
  void render_outDash_printsEveryDocumentOfTheTreeWithItsSource() throws Exception {
    List<String> args = new ArrayList<>(List.of("render", "--env", "example", "--out", "-"));
    args.addAll(TestProject.sourceArgs(TestProject.sources()));
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());

    RenderedTree tree = Pipeline.of(TestProject.sources()).render(List.of("example"), List.of()).get(0);
    Map<String, String> expected = new TreeMap<>();
    tree.files().forEach((path, text) -> {
      if (path.endsWith(".yaml")) {
        expected.put("example/" + path, text);
      }
    });
    Map<String, String> printed = new TreeMap<>();
    for (String chunk : r.out().split("(?m)^---\n")) {
      if (chunk.isEmpty()) {
        continue;
      }
      assertTrue(chunk.startsWith("# Source: "), chunk);
      String source = chunk.substring("# Source: ".length(), chunk.indexOf('\n'));
      String text = chunk.substring(chunk.indexOf('\n') + 1);
      Yaml.readOne(source, text, Yaml.Limits.RESOURCE); // each is one readable document
      assertFalse(printed.containsKey(source), "printed twice: " + source);
      printed.put(source, text);
    }
    assertEquals(expected, printed);
    assertFalse(Files.exists(Path.of("-")), "no folder named '-'");
  }

  @Test
  void render_all_endsWithASummaryLine() {
    TestProject.Result r = TestProject.render(TestProject.sources(), dir.resolve("out"), "--all");
    assertEquals(0, r.exit(), r.err());
    String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.matches("meshgen render: 4 environments \\(rendered 4, unchanged 0\\), \\d+ resources, \\d+\\.\\d s"), last);
  }
}
