package dev.meshgen.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.yaml.JsonTree;
import dev.meshgen.yaml.YamlNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties become {@link Environment} records as Jackson data binding made them before issue 14
 * replaced it, and {@code _defaults.yaml} is parsed once for all environments of a run.
 */
class BindingTest {
  /** The binding meshgen used before: Jackson's, strict about unknown keys, one value allowed for a list. */
  private static final ObjectMapper JACKSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

  @TempDir Path dir;

  private static Environment jackson(YamlNode.Mapping merged, String name) throws Exception {
    ObjectNode json = (ObjectNode) JsonTree.of(merged);
    json.put("name", name);
    return JACKSON.treeToValue(json, Environment.class);
  }

  @Test
  void environment_everyFixtureAndShippedEnvironment_isWhatJacksonBound() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Sources sources : List.of(TestProject.sources(), TestProject.shipped())) {
      for (String name : Environments.list(sources.environments())) {
        Environments.Located located = Environments.loadLocated(sources.environments(), name, List.of());
        assertEquals(jackson(located.locations().merged(), name), located.environment(), name);
        checked.add(name);
      }
    }
    assertEquals(true, checked.contains("example") && checked.contains("multi-region"), checked.toString());
  }

  @Test
  void environment_singleExpectedCode_isAListOfOne_asJacksonMadeIt() throws Exception {
    Path envs = TestProject.sources().environments();
    Environments.Located located = Environments.loadLocated(envs, "example",
        List.of("externalServices[0].verify.expect=204", "externalServices[0].verify.path=/status/204"));
    Environment.Check check = located.environment().externalServices().get(0).verify();
    assertEquals(new Environment.Check("/status/204", List.of(204)), check);
    assertEquals(jackson(located.locations().merged(), "example"), located.environment());
  }

  @Test
  void environment_keyNoRecordHas_isAProgrammingError() throws Exception {
    YamlNode.Mapping merged = Environments.loadLocated(TestProject.sources().environments(), "example", List.of())
        .locations().merged();
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(merged.entries());
    Location at = Location.ofFile("test");
    YamlNode.Mapping mesh = (YamlNode.Mapping) merged.path("mesh");
    Map<String, YamlNode.Entry> meshEntries = new LinkedHashMap<>(mesh.entries());
    meshEntries.put("colour", new YamlNode.Entry(at, new YamlNode.Scalar(at, "blue")));
    entries.put("mesh", new YamlNode.Entry(at, new YamlNode.Mapping(at, meshEntries)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Binding.environment(new YamlNode.Mapping(at, entries), "example"));
    assertEquals("property schema and Environment records disagree at mesh: Mesh has no colour", e.getMessage());
  }

  @Test
  void loadLocated_twoEnvironments_shareOneParseOfTheDefaults() throws Exception {
    Path envs = TestProject.sources().environments();
    YamlNode.Mapping example = Environments.loadLocated(envs, "example", List.of()).locations().merged();
    YamlNode.Mapping multiRegion = Environments.loadLocated(envs, "multi-region", List.of()).locations().merged();
    // mesh.clusterDomain is set in _defaults.yaml only: both trees hold the one node parsed from it.
    assertEquals("cluster.local", example.path("mesh").path("clusterDomain").asText());
    assertSame(example.path("mesh").path("clusterDomain"), multiRegion.path("mesh").path("clusterDomain"));
  }

  @Test
  void loadLocated_defaultsChangedBetweenTwoLoads_readsTheNewDefaults() throws Exception {
    Path envs = TestProject.copySources(dir).environments();
    Path defaults = envs.resolve(Environments.DEFAULTS_FILE);
    String text = Files.readString(defaults, StandardCharsets.UTF_8);
    YamlNode before = Environments.loadLocated(envs, "example", List.of()).locations().merged().path("mesh").path("rootTrustPolicy");
    // Same length, so only the content tells the two files apart.
    Files.writeString(defaults, text.replace("rootTrustPolicy: root-trust-policy", "rootTrustPolicy: root-trust-polic2"),
        StandardCharsets.UTF_8);
    Environments.Located after = Environments.loadLocated(envs, "example", List.of());
    assertEquals("root-trust-policy", before.asText());
    assertEquals("root-trust-polic2", after.environment().mesh().rootTrustPolicy());
    assertNotSame(before, after.locations().merged().path("mesh").path("rootTrustPolicy"));
  }
}
