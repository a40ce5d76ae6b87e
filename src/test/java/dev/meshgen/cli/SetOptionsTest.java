package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: --set takes comma-separated overrides as Helm does, with {@code \,} for a comma in a
 * value; --set-string keeps a value a string; -f layers a values file between the environment and --set.
 */
class SetOptionsTest {
  @TempDir Path dir;
  private static TestProject.Result stream(String... more) {
    List<String> args = new ArrayList<>(List.of("render", "--env", "example", "--out", "-"));
    args.addAll(TestProject.sourceArgs(TestProject.sources()));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  @Test
  void set_commaSeparated_appliesEachOverride() {
    TestProject.Result r = stream("--set", "istio.tag=1.16.9-solo,mesh.hostSuffix=egress.test");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  tag: 1.16.9-solo\n"), "first override");
    assertTrue(r.out().contains("httpbin.egress.test"), "second override");
  }

  @Test
  void set_escapedComma_staysInTheValue() {
    assertEquals(List.of("a=x,y", "b=2"), SharedOptions.splitOnCommas("a=x\\,y,b=2"));
    assertEquals(List.of("a=1"), SharedOptions.splitOnCommas("a=1"));
  }

  @Test
  void set_partWithoutEquals_isAUsageErrorNamingIt() {
    TestProject.Result r = stream("--set", "istio.tag=1.16.9-solo,latest");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: --set takes path=value, with a path such as externalServices[0].tlsOrigination.mode "
        + "(names of letters, digits, '-' and '_', list indexes of at most 9 digits); got the path 'latest' and no '='",
        r.err().lines().findFirst().orElseThrow());
    assertFalse(r.out().contains("kind:"), "nothing rendered");
  }

  @Test
  void set_tooDeepOrHugeIndex_isAUsageError() {
    assertEquals(64, stream("--set", "a" + ".b".repeat(2000) + "=1").exit());
    assertEquals(64, stream("--set", "externalServices[99999999999999999999].host=x").exit());
  }

  @Test
  void setString_keepsAValueThatLooksLikeANumberAString() {
    // istio.tag must be a string: --set types 1.16 as... a string too, but 116 as an integer.
    TestProject.Result typed = stream("--set", "istio.tag=116");
    assertEquals(1, typed.exit());
    assertTrue(typed.err().contains("istio.tag: must be a string, got 116"), typed.err());
    TestProject.Result string = stream("--set-string", "istio.tag=116");
    assertEquals(0, string.exit(), string.err());
    assertTrue(string.out().contains("  tag: \"116\"\n"), "quoted, so it stays a string");
  }

  @Test
  void values_fileIsLayeredAfterTheEnvironmentAndBeforeSet() throws Exception {
    Path values = dir.resolve("prod-values.yaml");
    Files.writeString(values, "istio:\n  tag: 1.16.5-solo\nmesh:\n  hostSuffix: values.test\n");
    TestProject.Result r = stream("-f", values.toString(), "--set", "istio.tag=1.16.6-solo");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("httpbin.values.test"), "the values file wins over the environment");
    assertTrue(r.out().contains("  tag: 1.16.6-solo\n"), "--set wins over the values file");
    assertFalse(r.out().contains("1.16.5-solo"));
  }

  @Test
  void values_fileWithAnError_namesItsFileAndLine() throws Exception {
    Path values = dir.resolve("bad-values.yaml");
    Files.writeString(values, "istio:\n  tagg: 1.16.5-solo\n");
    TestProject.Result r = stream("--values", values.toString());
    assertEquals(1, r.exit());
    assertEquals(values + ":2:3: error: istio.tagg: unknown key (did you mean 'tag'?)",
        r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void values_missingFile_isAnErrorNamingIt() {
    Path missing = dir.resolve("nope.yaml");
    TestProject.Result r = stream("-f", missing.toString());
    assertEquals(1, r.exit());
    assertEquals(missing + ": error: values file not found (given with -f/--values)", r.err().lines().findFirst().orElseThrow());
  }
}
