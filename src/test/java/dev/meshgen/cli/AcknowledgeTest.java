package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: warnings can be acknowledged with a reason; --strict fails on the others. */
class AcknowledgeTest {
  @TempDir Path dir;

  private static TestProject.Result validate(Sources sources, String... more) {
    List<String> args = new ArrayList<>(List.of("validate"));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  @Test
  void validate_strict_fixtureAcknowledgesItsWarningsAndPasses() {
    TestProject.Result r = validate(TestProject.sources(), "--all", "--strict");
    assertEquals(0, r.exit(), r.out());
    assertEquals("meshgen validate: example, fleet, multi-region, partners: 0 errors, 2 acknowledged; valid",
        r.out().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(r.out().contains(": acknowledged: spec.listeners[1].allowedRouteTables[0].selector.workspace: no workspace "
        + "is named 'all'"), r.out());
    assertTrue(r.out().contains("(reason: the reference setup selects workspace 'all' on the east-west gateway; example "
        + "reproduces it field by field) [selector-workspace-exists]"), r.out());
  }

  @Test
  void validate_strict_newWarningFailsAndStandsOut() {
    TestProject.Result r = validate(TestProject.sources(), "--env", "example", "--strict",
        "--set", "externalServices[0].tlsOrigination.mode=DISABLE");
    assertEquals(1, r.exit(), r.out());
    List<String> errors = r.out().lines().filter(l -> l.contains(": error: ")).toList();
    assertEquals(1, errors.size(), r.out());
    assertTrue(errors.get(0).contains("(an error under --strict) [tls-origination]"), errors.get(0));
    assertEquals("meshgen validate: example: 1 error, 2 acknowledged", r.out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void validate_withoutStrict_newWarningIsAWarning() {
    TestProject.Result r = validate(TestProject.sources(), "--env", "example",
        "--set", "externalServices[0].tlsOrigination.mode=DISABLE");
    assertEquals(0, r.exit(), r.out());
    assertEquals("meshgen validate: example: 0 errors, 1 warning(s), 2 acknowledged; valid",
        r.out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void validate_staleAcknowledgement_warnsAtItsLine() throws Exception {
    Sources sources = TestProject.copySources(dir);
    Path file = sources.environments().resolve("example.yaml");
    String text = Files.readString(file);
    Files.writeString(file, text + "  - rule: strict-mtls\n    resource: PeerAuthentication istio-system/default\n"
        + "    reason: not needed any more\n");
    int line = (int) text.lines().count() + 1;
    TestProject.Result r = validate(sources, "--env", "example");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains(file + ":" + line + ":5: warning: acknowledge[2]: acknowledges strict-mtls on "
        + "PeerAuthentication istio-system/default, but no such warning was found; remove the entry [acknowledgements]"), r.out());
  }

  @Test
  void validate_acknowledgementWithoutReason_isRefused() throws Exception {
    Sources sources = TestProject.copySources(dir);
    Path file = sources.environments().resolve("example.yaml");
    Files.writeString(file, Files.readString(file) + "  - rule: strict-mtls\n    resource: PeerAuthentication istio-system/default\n");
    TestProject.Result r = validate(sources, "--env", "example");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("acknowledge[2].reason: required"), r.out());
  }
}
