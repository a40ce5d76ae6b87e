package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
  @Test
  void help_listsEveryCommand() {
    TestProject.Result r = TestProject.run("--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("  render "), r.out());
    assertTrue(r.out().contains("--version"), r.out());
  }

  @Test
  void renderHelp_explainsEveryOption() {
    TestProject.Result r = TestProject.run("render", "--help");
    assertEquals(0, r.exit());
    for (String option : List.of("--env <NAME>", "--all", "--out <DIR>", "--environments <DIR>", "--templates <DIR>",
        "--overlays <DIR>", "--set <PATH=VALUE>", "--full", "--stacktrace", "--help")) {
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    }
  }

  @Test
  void noArguments_isAUsageError() {
    assertEquals(64, TestProject.run().exit());
  }

  @Test
  void unknownCommand_isAUsageError() {
    TestProject.Result r = TestProject.run("rendr");
    assertEquals(64, r.exit());
    assertEquals("meshgen: unknown command 'rendr' (did you mean 'render'?)", r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void render_withoutOut_isAUsageError() {
    TestProject.Result r = TestProject.run("render", "--env", "example");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: --out DIR is required", r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void render_withoutEnvironments_isAUsageError() {
    TestProject.Result r = TestProject.run("render", "--out", "x");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: choose environments with --env NAME (repeatable) or --all",
        r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void render_unknownOption_isAUsageError() {
    TestProject.Result r = TestProject.run("render", "--env", "example", "--out", "x", "--bogus");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: unknown option '--bogus'", r.err().lines().findFirst().orElseThrow());
    assertEquals("Run 'meshgen render --help' for the options.", r.err().lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void render_misspeltOption_suggestsTheOption() {
    TestProject.Result r = TestProject.run("render", "--env", "example", "--out", "x", "--sett", "a=b");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: unknown option '--sett' (did you mean '--set'?)", r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void help_command_showsThatCommandsOptions() {
    TestProject.Result help = TestProject.run("help", "render");
    assertEquals(0, help.exit());
    assertEquals(TestProject.run("render", "--help").out(), help.out());
    assertTrue(help.out().startsWith("usage: meshgen render "), help.out());
  }

  @Test
  void help_unknownCommand_isAUsageErrorWithASuggestion() {
    TestProject.Result r = TestProject.run("help", "valdate");
    assertEquals(64, r.exit());
    assertEquals("meshgen: unknown command 'valdate' (did you mean 'validate'?)", r.err().lines().findFirst().orElseThrow());
  }
}
