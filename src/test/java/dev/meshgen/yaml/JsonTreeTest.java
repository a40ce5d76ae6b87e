package dev.meshgen.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshgen.TestProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTree} builds the same trees Jackson's ObjectMapper builds, which print the same JSON,
 * without starting an ObjectMapper.
 */
class JsonTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SAMPLE = "{\"s\":\"a \\\"quoted\\\" \\\\ line\\nwith\\ttab and \\u0001 and é\",\"i\":8080,"
      + "\"l\":4294967296,\"big\":123456789012345678901234567890,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,"
      + "\"a\":[1,\"two\",{\"three\":[]}],\"o\":{},\"e\":\"\"}";

  private static JsonNode parse(String json) throws IOException {
    try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
      return JsonTree.parse(in);
    }
  }

  @Test
  void parse_sample_equalsObjectMappersTreeBothWays_andPrintsTheSameJson() throws IOException {
    JsonNode ours = parse(SAMPLE);
    JsonNode jackson = MAPPER.readTree(SAMPLE);
    assertEquals(jackson, ours);
    assertEquals(ours, jackson);
    assertEquals(jackson.hashCode(), ours.hashCode());
    assertEquals(MAPPER.writeValueAsString(jackson), ours.toString());
    assertEquals(MAPPER.writeValueAsString(jackson.get("s")), ours.get("s").toString());
    assertEquals(MAPPER.writeValueAsString(jackson.get("a")), ours.get("a").toString());
  }

  @Test
  void parse_everyBundledSchema_equalsObjectMappersTree() throws IOException {
    Path resources = TestProject.root().resolve("src/main/resources/dev/meshgen");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(resources)) {
      files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= 20, "found " + files);
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        assertEquals(MAPPER.readTree(file.toFile()), JsonTree.parse(in), file.toString());
      }
    }
  }

  @Test
  void of_yaml_isTheTreeOfTheSameDocumentAsJson() throws Exception {
    YamlNode yaml = Yaml.readOne("x.yaml", "s: text\ni: 8080\nl: 4294967296\nd: 1.5\nt: true\nn: null\n"
        + "a: [1, two, {three: []}]\no: {}\ne: ''\nq: '80'\n", Yaml.Limits.RESOURCE);
    String json = "{\"s\":\"text\",\"i\":8080,\"l\":4294967296,\"d\":1.5,\"t\":true,\"n\":null,"
        + "\"a\":[1,\"two\",{\"three\":[]}],\"o\":{},\"e\":\"\",\"q\":\"80\"}";
    JsonNode tree = JsonTree.of(yaml);
    assertEquals(MAPPER.readTree(json), tree);
    assertEquals(json, tree.toString());
    assertTrue(tree.get("i").isInt(), "an integer that fits an int is an int, as a JSON parser reads it");
    assertTrue(tree.get("l").isLong());
  }
}
