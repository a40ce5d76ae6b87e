package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshgen.TestProject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: {@code meshgen values} shows the merged properties and where each value was set. */
class ValuesCommandTest {
  private static TestProject.Result values(String... more) {
    List<String> args = new ArrayList<>(List.of("values"));
    args.addAll(TestProject.sourceArgs(TestProject.sources()));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  @Test
  void values_yaml_commentsEachValueWithItsFileLineAndColumn() {
    String env = TestProject.sources().environments().toString();
    TestProject.Result r = values("--env", "multi-region", "--set", "istio.tag=1.16.9");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\n  hostSuffix: egress.internal  # " + env + "/multi-region.yaml:"), r.out());
    assertTrue(r.out().contains("\n  globalHostSuffix: global  # " + env + "/_defaults.yaml:"), r.out());
    assertTrue(r.out().contains("\n  tag: 1.16.9  # --set istio.tag=1.16.9\n"), r.out());
  }

  @Test
  void values_json_listsPathValueAndPlace() throws Exception {
    TestProject.Result r = values("--env", "example", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode list = new ObjectMapper().readTree(r.out());
    JsonNode name = null;
    for (JsonNode p : list) {
      if (p.path("path").asText().equals("clusters.local.name")) {
        name = p;
      }
    }
    assertEquals("cluster1", name.path("value").asText());
    assertTrue(name.path("file").asText().endsWith("example.yaml"), name.toString());
    assertTrue(name.path("line").asInt() > 0);
  }

  @Test
  void values_needsExactlyOneEnvironment() {
    assertEquals(64, values("--all").exit());
  }
}
