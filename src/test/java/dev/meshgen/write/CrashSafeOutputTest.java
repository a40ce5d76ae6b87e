package dev.meshgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: output that never lies. Every environment folder is a link flipped with one rename to a
 * complete generation; a run that fails changes nothing; leftovers are removed or reported.
 */
class CrashSafeOutputTest {
  @TempDir Path dir;
  private Sources sources;
  private Path out;

  @BeforeEach
  void copy() {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
  }

  @AfterEach
  void noFault() {
    System.clearProperty("meshgen.fault");
  }

  private TestProject.Result renderAll(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--all"));
    args.addAll(List.of(more));
    return TestProject.render(sources, out, args.toArray(String[]::new));
  }

  /** Every environment of the run: one link and one generation each. */
  private List<String> environments() throws Exception {
    return dev.meshgen.environment.Environments.list(sources.environments());
  }

  private List<String> outEntries() throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void render_environmentFolder_isALinkToOneCompleteGeneration() throws Exception {
    assertEquals(0, renderAll().exit());
    Path example = out.resolve("example");
    assertTrue(Files.isSymbolicLink(example));
    String target = Files.readSymbolicLink(example).toString();
    assertTrue(target.matches("\\.meshgen-gen-example-[0-9a-f]{12}"), target);
    assertTrue(Files.isRegularFile(example.resolve("overlays/mgmt/kustomization.yaml")));
    List<String> expected = new java.util.ArrayList<>();
    for (String env : environments()) {
      expected.add(env);
      expected.add(Files.readSymbolicLink(out.resolve(env)).toString());
    }
    assertEquals(expected.stream().sorted().toList(), outEntries());
  }

  @Test
  void render_change_flipsToANewGenerationAndRemovesTheOld() throws Exception {
    assertEquals(0, renderAll().exit());
    Path before = Files.readSymbolicLink(out.resolve("example"));
    TestProject.Result r = renderAll("--set", "istio.tag=1.16.1-solo");
    assertEquals(0, r.exit(), r.err());
    Path after = Files.readSymbolicLink(out.resolve("example"));
    assertFalse(before.equals(after));
    assertFalse(Files.exists(out.resolve(before)), "the old generation is removed");
    assertEquals(2 * environments().size(), outEntries().size(), outEntries().toString());
  }

  @Test
  void render_failureWhileStagingTheSecondEnvironment_changesNoEnvironment() throws Exception {
    assertEquals(0, renderAll().exit());
    Map<String, String> before = TestProject.snapshot(out);
    System.setProperty("meshgen.fault", "fail:stage:multi-region");

    TestProject.Result r = renderAll("--set", "istio.tag=1.16.1-solo");

    assertEquals(1, r.exit());
    assertEquals(out + ": error: cannot write: IOException: injected fault at stage:multi-region; "
        + "no environment folder was changed", r.firstError());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_failureFlippingTheSecondEnvironment_rollsTheFirstBack() throws Exception {
    assertEquals(0, renderAll().exit());
    Map<String, String> before = TestProject.snapshot(out);
    System.setProperty("meshgen.fault", "fail:flip:multi-region");

    TestProject.Result r = renderAll("--set", "istio.tag=1.16.1-solo");

    assertEquals(1, r.exit());
    assertEquals(out.resolve("multi-region") + ": error: cannot switch to the new output: IOException: injected fault at "
        + "flip:multi-region; every environment folder was left as it was", r.firstError());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_outputFolderIsASymlink_refusedAndNothingWrittenWhereItPoints() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.createSymbolicLink(out, elsewhere);

    TestProject.Result r = renderAll();

    assertEquals(1, r.exit());
    assertTrue(r.firstError().startsWith(out + ": error: the output folder is a symbolic link;"), r.firstError());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void render_outputInsideTheEnvironmentsFolder_refused() throws Exception {
    Path inside = sources.environments().resolve("out");
    TestProject.Result r = TestProject.render(sources, inside, "--all");
    assertEquals(1, r.exit());
    assertEquals(inside + ": error: the output folder overlaps the sources folder " + sources.environments()
        + "; render somewhere else (e.g. --out build/out)", r.firstError());
    assertFalse(Files.exists(inside));
  }

  @Test
  void render_leftoversOfAKilledRun_areRemovedWhenMeshgenWroteThem() throws Exception {
    assertEquals(0, renderAll().exit());
    // What a kill between staging and the flip leaves: a whole staged generation and a temporary link.
    Path staged = out.resolve(".meshgen-gen-example-0123456789ab");
    TestProject.copyTree(out.resolve(Files.readSymbolicLink(out.resolve("example"))), staged);
    Files.createSymbolicLink(out.resolve(".meshgen-link-example"), staged.getFileName());

    assertEquals(0, renderAll("--set", "istio.tag=1.16.1-solo").exit());

    assertFalse(Files.exists(staged));
    assertFalse(Files.exists(out.resolve(".meshgen-link-example"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals(2 * environments().size(), outEntries().size(), outEntries().toString());
  }

  @Test
  void render_leftoverHoldingAUsersFile_isReportedAndKept() throws Exception {
    assertEquals(0, renderAll().exit());
    Path staged = out.resolve(".meshgen-gen-example-0123456789ab");
    TestProject.copyTree(out.resolve(Files.readSymbolicLink(out.resolve("example"))), staged);
    TestProject.write(staged.resolve("my-notes.txt"), "mine\n");
    Map<String, String> before = TestProject.snapshot(out);

    TestProject.Result r = renderAll("--set", "istio.tag=1.16.1-solo");

    assertEquals(1, r.exit());
    assertEquals(staged + ": error: a folder a killed run left behind holds files meshgen did not write (my-notes.txt); "
        + "meshgen leaves it alone: move what you need out of it and delete it, then run again", r.firstError());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_plainFolderFromAnOlderMeshgen_becomesALink() throws Exception {
    assertEquals(0, renderAll().exit());
    Path example = out.resolve("example");
    Path generation = out.resolve(Files.readSymbolicLink(example));
    Files.delete(example);
    Files.move(generation, example); // how meshgen before issue 11 left it: a plain, owned folder

    assertEquals(0, renderAll("--set", "istio.tag=1.16.1-solo").exit());

    assertTrue(Files.isSymbolicLink(example));
    assertTrue(Files.readString(example.resolve("overlays/local/istiooperator_gm-iop-1-16_istio-egress-cluster1-1-16.yaml"))
        .contains("1.16.1-solo"));
    assertEquals(2 * environments().size(), outEntries().size(), outEntries().toString());
  }
}
