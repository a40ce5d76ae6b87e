package dev.meshgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.TestProject;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.PlannedResource;
import dev.meshgen.plan.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property value is data: whatever it holds, it comes out of a template as the same string
 * scalar, never as extra keys or documents, and never evaluated as a template. (The property
 * schema refuses most of these values earlier; this proves the templates are safe on their own.)
 */
class InjectionTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {
      "a: b", "x\nkind: Secret", "---\napiVersion: v1\nkind: Secret", "\"quoted\"", "'single'", "# comment",
      "value # comment", "${name}", "<#if true>x</#if>", "[1, 2]", "{a: b}", "- item", "*alias", "&anchor x",
      "!!binary AAAA", "true", "no", "80", "0x1F", "1e3", "null", "~", " leading", "trailing ", "a\tb",
      "back\\slash", "ü 日本 🚀", "nul\u0000byte", "line\u2028sep", "non\uFFFEchar", "non\uFFFFchar", "@at", "`tick", "|", ">", "%directive",
      "2026-11-26", "1:20", ".inf", "=", "<<"})
  void render_anyValue_staysOneStringScalar(String value) throws Exception {
    Renderer renderer = Renderer.forTemplates(TestProject.root().resolve("templates"));
    Map<String, String> labels = new TreeMap<>(Map.of("evil", value, "k", "v"));
    Map<String, Object> values = Map.of(
        "name", value, "namespace", value, "labels", labels, "address", value,
        "ports", List.of(Map.of("name", value, "number", 443)));
    PlannedResource resource = new PlannedResource(Unit.MGMT, "ExternalEndpoint", value, value, values);
    String yaml = renderer.render(new Plan("injection", List.of(resource), List.of())).get(0).manifest().text();

    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      it.forEachRemaining(docs::add);
    }
    assertEquals(1, docs.size(), yaml);
    JsonNode doc = docs.get(0);
    assertEquals(List.of("apiVersion", "kind", "metadata", "spec"), fields(doc), yaml);
    assertEquals(List.of("name", "namespace", "labels"), fields(doc.path("metadata")), yaml);
    assertEquals(value, doc.path("metadata").path("name").textValue(), yaml);
    assertEquals(value, doc.path("metadata").path("namespace").textValue(), yaml);
    assertEquals(value, doc.path("metadata").path("labels").path("evil").textValue(), yaml);
    assertEquals(List.of("evil", "k"), fields(doc.path("metadata").path("labels")), yaml);
    assertEquals(value, doc.path("spec").path("address").textValue(), yaml);
    assertEquals(value, doc.path("spec").path("ports").path(0).path("name").textValue(), yaml);
    assertEquals(443, doc.path("spec").path("ports").path(0).path("number").intValue(), yaml);
    assertEquals(List.of("address", "ports"), fields(doc.path("spec")), yaml);
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
