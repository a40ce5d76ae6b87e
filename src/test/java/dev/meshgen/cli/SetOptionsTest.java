package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: --set takes comma-separated overrides as Helm does, with {@code \,} for a comma in a value. */
class SetOptionsTest {
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
}
