package dev.meshgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render} keeps environments whose inputs match their folder's record instead of rendering
 * them (issue 14), and what it leaves is byte for byte what a full render writes.
 */
class IncrementalRenderTest {
  @TempDir Path dir;
  private Sources sources;
  private Path out;

  @BeforeEach
  void copy() {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
  }

  private static String summary(TestProject.Result r) {
    String last = r.out().lines().reduce((a, b) -> b).orElse("");
    return last.replaceFirst(", \\d+ resources, \\d+\\.\\d s$", "");
  }

  private void edit(String environment, String from, String to) throws Exception {
    Path file = sources.environments().resolve(environment + ".yaml");
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " does not contain " + from);
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  @Test
  void render_oneEnvironmentChanged_rendersOnlyItAndMatchesAFullRenderByteForByte() throws Exception {
    TestProject.Result first = TestProject.render(sources, out, "--all");
    assertEquals(0, first.exit(), first.err());
    assertEquals("meshgen render: 4 environments (rendered 4, unchanged 0)", summary(first));
    edit("example", "mode: SIMPLE", "mode: DISABLE");

    TestProject.Result incremental = TestProject.render(sources, out, "--all");
    TestProject.Result full = TestProject.render(sources, dir.resolve("fresh"), "--all", "--full");

    assertEquals(0, incremental.exit(), incremental.err());
    assertEquals("meshgen render: 4 environments (rendered 1, unchanged 3)", summary(incremental));
    assertEquals(0, full.exit(), full.err());
    assertEquals("meshgen render: 4 environments (rendered 4, unchanged 0)", summary(full));
    assertEquals(TestProject.snapshot(dir.resolve("fresh")), TestProject.snapshot(out));
    // The kept environments' warnings are found again on the files read back.
    assertTrue(full.err().contains("[unused-gateway-port]"), full.err());
    assertEquals(full.err().replace(dir.resolve("fresh").toString(), "OUT"), incremental.err().replace(out.toString(), "OUT"));
  }

  @Test
  void render_nothingChanged_rendersNothingAndRewritesNothing() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Map<String, String> before = TestProject.snapshot(out);

    TestProject.Result again = TestProject.render(sources, out, "--all");

    assertEquals(0, again.exit(), again.err());
    assertEquals("meshgen render: 4 environments (rendered 0, unchanged 4)", summary(again));
    assertTrue(again.out().startsWith("example: " + out.resolve("example") + " is up to date\n"), again.out());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_fileEditedByHand_isRenderedAgainAndRestored() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Map<String, String> before = TestProject.snapshot(out);
    Path file = out.resolve("example/base/kustomization.yaml");
    Files.writeString(file, Files.readString(file) + "# edited by hand\n");
    assertNotEquals(before, TestProject.snapshot(out));

    TestProject.Result again = TestProject.render(sources, out, "--all");

    assertEquals(0, again.exit(), again.err());
    assertEquals("meshgen render: 4 environments (rendered 1, unchanged 3)", summary(again));
    assertTrue(again.out().contains("example: wrote " + out.resolve("example") + " (0 added, 1 changed, 0 removed)"),
        again.out());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_fileDeletedByHand_isRenderedAgainAndRestored() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Map<String, String> before = TestProject.snapshot(out);
    Files.delete(out.resolve("multi-region/README.md"));

    TestProject.Result again = TestProject.render(sources, out, "--all");

    assertEquals(0, again.exit(), again.err());
    assertEquals("meshgen render: 4 environments (rendered 1, unchanged 3)", summary(again));
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_templateChanged_rendersEveryEnvironment() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Files.writeString(sources.templates().resolve("namespace.yaml.ftl"), "<#-- renders nothing -->\n",
        java.nio.file.StandardOpenOption.APPEND);

    TestProject.Result again = TestProject.render(sources, out, "--all");

    assertEquals(0, again.exit(), again.err());
    assertEquals("meshgen render: 4 environments (rendered 4, unchanged 0)", summary(again));
  }

  @Test
  void render_keptEnvironmentCollidesWithAChangedOne_isStillChecked() throws Exception {
    // The one-owner check sees the kept environment's objects, read back from its folder.
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    String example = Files.readString(sources.environments().resolve("example.yaml"));
    Map<String, String> before = TestProject.snapshot(out);
    Files.writeString(sources.environments().resolve("twin.yaml"), example.replace("    name: mgmt\n", "    name: twin-mgmt\n"));

    TestProject.Result r = TestProject.render(sources, out, "--all");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("environments 'example' (clusters.local.name at "), r.err());
    assertTrue(r.err().contains("[one-owner-per-cluster]"), r.err());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_twoKeptEnvironmentsCollide_isReportedAsByAFullRender() throws Exception {
    // Each rendered alone: no run saw both, so only the run that keeps both can report them.
    String example = Files.readString(sources.environments().resolve("example.yaml"));
    Files.writeString(sources.environments().resolve("twin.yaml"), example.replace("    name: mgmt\n", "    name: twin-mgmt\n"));
    assertEquals(0, TestProject.render(sources, out, "--env", "example").exit());
    assertEquals(0, TestProject.render(sources, out, "--env", "twin").exit());

    TestProject.Result kept = TestProject.render(sources, out, "--all");
    TestProject.Result full = TestProject.render(sources, out, "--all", "--full");

    assertEquals(1, kept.exit(), kept.err());
    assertTrue(kept.err().contains("environments 'example' (clusters.local.name at "), kept.err());
    assertEquals(full.err(), kept.err());
  }

  @Test
  void render_keptEnvironmentsPropertyFileGainsALine_staleAcknowledgementIsReportedAtItsNewLine() throws Exception {
    // The input hash covers property values, not lines: acknowledgements are applied on every run.
    edit("example", "acknowledge:\n", "acknowledge:\n  - {rule: unused-gateway-port, resource: Namespace nowhere, reason: stale}\n");
    TestProject.Result first = TestProject.render(sources, out, "--all");
    assertEquals(0, first.exit(), first.err());
    edit("example", "clusters:", "# a comment that moves every line down\nclusters:");

    TestProject.Result kept = TestProject.render(sources, out, "--all");
    TestProject.Result full = TestProject.render(sources, dir.resolve("fresh"), "--all", "--full");

    assertEquals(0, kept.exit(), kept.err());
    assertEquals("meshgen render: 4 environments (rendered 0, unchanged 4)", summary(kept));
    assertTrue(kept.err().contains("acknowledge[0]: acknowledges unused-gateway-port on Namespace nowhere"), kept.err());
    assertNotEquals(first.err(), kept.err());
    assertEquals(full.err(), kept.err());
  }

  @Test
  void render_keptEnvironmentsWarningsUnderStrict_failAsInAFullRender() throws Exception {
    Path file = sources.environments().resolve("example.yaml");
    String text = Files.readString(file);
    assertTrue(text.endsWith("field by field\n"), "the acknowledge block is no longer last in " + file);
    Files.writeString(file, text.substring(0, text.indexOf("acknowledge:\n")));
    TestProject.Result first = TestProject.render(sources, out, "--all");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains(": warning: "), first.err());

    TestProject.Result kept = TestProject.render(sources, out, "--all", "--strict");
    TestProject.Result full = TestProject.render(sources, out, "--all", "--strict", "--full");

    assertEquals(1, kept.exit(), kept.err());
    assertTrue(kept.err().contains("(an error under --strict) [unused-gateway-port]"), kept.err());
    assertEquals(full.err(), kept.err());
  }

  @Test
  void render_findingInTheRecordEditedByHand_isRenderedAgainAndRestored() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Map<String, String> before = TestProject.snapshot(out);
    Path record = out.resolve("example/.meshgen");
    String text = Files.readString(record);
    assertTrue(text.contains("\tunused-gateway-port\t"), text);
    Files.writeString(record, text.replace("\tunused-gateway-port\t", "\tsome-other-rule\t"));

    TestProject.Result again = TestProject.render(sources, out, "--all");

    assertEquals(0, again.exit(), again.err());
    assertEquals("meshgen render: 4 environments (rendered 1, unchanged 3)", summary(again));
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_secretInAChangedEnvironment_isRefusedAsByAFullRender() throws Exception {
    // The secrets check waits for the render of a changed environment; the kept ones passed it.
    assertEquals(0, TestProject.render(sources, out, "--all").exit());
    Map<String, String> before = TestProject.snapshot(out);
    edit("example", "argocdName: in-cluster", "argocdName: ghp_" + "q8XwL2rT5nV0b7Kc4Mf1Hg9Jd3Ps6YaZeRuI");

    TestProject.Result kept = TestProject.render(sources, out, "--all");
    TestProject.Result full = TestProject.render(sources, out, "--all", "--full");

    assertEquals(1, kept.exit(), kept.err());
    assertTrue(kept.err().contains("clusters.mgmt.argocdName: the value looks like "), kept.err());
    assertTrue(!kept.err().contains("q8XwL2rT5nV0b7Kc4Mf1Hg9Jd3Ps6YaZeRuI"), kept.err());
    assertEquals(full.err(), kept.err());
    assertEquals(before, TestProject.snapshot(out));
  }
}
