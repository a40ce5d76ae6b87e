package dev.meshgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meshgen deletes only inside folders it wrote, replaces them whole, and rewrites nothing unchanged. */
class OutputOwnershipTest {
  @TempDir Path dir;
  private Sources sources;
  private Path out;

  @BeforeEach
  void copy() {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
  }

  @Test
  void render_removedExternalService_removesItsFiles() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--env", "multi-region").exit());
    Path ledger = out.resolve("multi-region/overlays/mgmt/externalservice_payments-config_ledger-external-service.yaml");
    assertTrue(Files.exists(ledger));
    Path env = sources.environments().resolve("multi-region.yaml");
    String text = Files.readString(env);
    Files.writeString(env, text.substring(0, text.indexOf("  - name: ledger")));

    TestProject.Result r = TestProject.render(sources, out, "--env", "multi-region");

    assertEquals(0, r.exit(), r.err());
    assertFalse(Files.exists(ledger));
    assertFalse(Files.readString(out.resolve("multi-region/.meshgen")).contains("ledger"));
    assertTrue(r.out().contains("0 added, 10 changed, 7 removed"), r.out());
  }

  @Test
  void render_sameInputs_rewritesNothing() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--env", "example").exit());
    Path file = out.resolve("example/base/kustomization.yaml");
    var stamp = Files.getLastModifiedTime(file);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    TestProject.Result r = TestProject.render(sources, out, "--env", "example");

    assertEquals(0, r.exit());
    assertEquals("example: " + out.resolve("example") + " is up to date\n", r.out());
    assertEquals(0, Files.getLastModifiedTime(file).toMillis(), "an unchanged file was rewritten (was " + stamp + ")");
  }

  @Test
  void render_intoForeignFolder_refusesAndDeletesNothing() throws Exception {
    Path mine = out.resolve("example");
    TestProject.write(mine.resolve("notes.txt"), "my notes\n");
    Map<String, String> before = TestProject.snapshot(out);

    TestProject.Result r = TestProject.render(sources, out, "--env", "example");

    assertEquals(1, r.exit());
    assertEquals(mine + ": error: folder is not empty and was not written by meshgen (no .meshgen record); "
        + "choose another --out or empty it yourself", r.firstError());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_ownedFolderWithAForeignFile_refusesToLoseIt() throws Exception {
    assertEquals(0, TestProject.render(sources, out, "--env", "example").exit());
    TestProject.write(out.resolve("example/overlays/local/my-patch.yaml"), "hand-made\n");
    Map<String, String> before = TestProject.snapshot(out);

    TestProject.Result r = TestProject.render(sources, out, "--env", "example", "--set", "istio.tag=1.16.1-solo");

    assertEquals(1, r.exit());
    assertEquals(out.resolve("example") + ": error: holds files meshgen did not write, which it would lose: "
        + "overlays/local/my-patch.yaml; move them elsewhere (hand-kept patches belong in overlays/<role>/patches/)",
        r.firstError());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_outIsTheProjectRoot_deletesNothing() throws Exception {
    // `--out .` by mistake: a folder named like an environment that meshgen does not own survives.
    Path root = dir.resolve("project");
    TestProject.write(root.resolve("example/README.md"), "not meshgen's\n");
    TestProject.write(root.resolve("pom.xml"), "<project/>\n");
    Map<String, String> before = TestProject.snapshot(root);

    TestProject.Result r = TestProject.render(sources, root, "--all");

    assertEquals(1, r.exit());
    assertEquals(before, TestProject.snapshot(root));
  }

  @Test
  void render_failureInOneEnvironment_writesNoEnvironment() throws Exception {
    Map<String, String> before = TestProject.snapshot(out);
    TestProject.Result r = TestProject.render(sources, out, "--all", "--set", "externalServices[2].host=Bad_Host");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--set externalServices[2].host=Bad_Host: error: externalServices[2]: no such item"), r.err());
    assertEquals(before, TestProject.snapshot(out));
    assertFalse(Files.exists(out));
  }

  @Test
  void render_withSet_overridesOneProperty() throws Exception {
    TestProject.Result r = TestProject.render(sources, out, "--env", "example",
        "--set", "externalServices[0].tlsOrigination.mode=DISABLE");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(out.resolve("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml"))
        .contains("mode: DISABLE"));
  }
}
