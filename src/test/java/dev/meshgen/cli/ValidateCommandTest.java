package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meshgen validate end to end: output formats, exit codes, user CRDs, and render refusing what validate finds. */
class ValidateCommandTest {
  @TempDir Path dir;
  private Sources sources;

  @BeforeEach
  void copy() {
    sources = TestProject.copySources(dir.resolve("src"));
  }

  private TestProject.Result validate(String... more) {
    List<String> args = new ArrayList<>(List.of("validate"));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  private void editTemplate(String template, String from, String to) throws Exception {
    Path file = sources.templates().resolve(template);
    String text = Files.readString(file);
    assertTrue(text.contains(from), from);
    Files.writeString(file, text.replace(from, to));
  }

  private static Path istioCrds() {
    Path crds = TestProject.root().resolve("../shared/schemas/istio-1.16.7").normalize();
    if (!Files.isDirectory(crds)) {
      assertTrue(System.getenv("CI") == null, "CI must have ../shared beside the checkout: " + crds);
      assumeTrue(false, "../shared/schemas/istio-1.16.7 is absent: skipping the Istio CRD check");
    }
    return crds;
  }

  @Test
  void validate_fixtureEnvironments_areValidWithAcknowledgedWarnings() {
    TestProject.Result r = validate("--all");
    assertEquals(0, r.exit(), r.out());
    // example acknowledges the reference's workspace 'all' and its unused port 443.
    assertEquals("meshgen validate: example, fleet, multi-region, partners: 0 errors, 2 acknowledged; valid", r.out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void validate_withIstioCrds_catchesMisspeltFieldInDestinationRule() throws Exception {
    editTemplate("destinationrule.yaml.ftl", "        sni: ${setting.sni}", "        snii: ${setting.sni}");
    TestProject.Result r = validate("--env", "example", "--crds", istioCrds().toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("example/base/egress-sni/destinationrule_istio-egressgateway-1-16-svc.yaml:16:9: error: "
        + "spec.trafficPolicy.portLevelSettings[0].tls.snii: unknown field 'snii' (did you mean 'sni'?)"), r.out());
  }

  @Test
  void validate_withIstioCrds_catchesBadEnumInDestinationRule() throws Exception {
    editTemplate("destinationrule.yaml.ftl", "        mode: ${setting.tlsMode}", "        mode: SIMPEL");
    TestProject.Result r = validate("--env", "example", "--crds", istioCrds().toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:16:15: error: "
        + "spec.trafficPolicy.portLevelSettings[0].tls.mode: must be one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL, got 'SIMPEL'"),
        r.out());
  }

  @Test
  void validate_glooTypoInTemplate_isCaughtByTheBuiltInSchema() throws Exception {
    editTemplate("virtualdestination.yaml.ftl", "    tlsTermination: {}", "    tlsTerminaton: {}");
    TestProject.Result r = validate("--env", "example");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("example/overlays/mgmt/virtualdestination_app1-configs_httpbin-external.yaml:9:5: error: "
        + "spec.clientMode.tlsTerminaton: unknown field 'tlsTerminaton' (did you mean 'tlsTermination'?)"), r.out());
  }

  @Test
  void render_findingWithErrorSeverity_writesNothing() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, TestProject.render(sources, out, "--env", "example").exit());
    Map<String, String> before = TestProject.snapshot(out);
    editTemplate("routetable.yaml.ftl", "          name: ${destination.ref.name}", "          name: x${destination.ref.name}");

    TestProject.Result r = TestProject.render(sources, out, "--env", "example");

    assertEquals(1, r.exit());
    assertTrue(r.err().contains("does not exist; known:"), r.err());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void validate_jsonFormat_listsFindingsForCiTools() throws Exception {
    TestProject.Result r = validate("--env", "example", "--format", "json");
    assertEquals(0, r.exit());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(2, json.path("findings").size());
    assertEquals("unused-gateway-port", json.path("findings").get(0).path("rule").asText());
    JsonNode f = json.path("findings").get(1);
    assertEquals("example/overlays/mgmt/virtualgateway_gloo-mesh_east-west-gw.yaml", f.path("file").asText());
    assertEquals(26, f.path("line").asInt());
    assertEquals(9, f.path("column").asInt());
    assertEquals("acknowledged", f.path("severity").asText());
    assertEquals("selector-workspace-exists", f.path("rule").asText());
    assertEquals(0, json.path("errors").asInt());
    assertEquals(0, json.path("warnings").asInt());
    assertEquals(2, json.path("acknowledged").asInt());
  }

  @Test
  void validate_badInput_sameFindingsFormatAndExitOne() throws Exception {
    Path env = sources.environments().resolve("example.yaml");
    Files.writeString(env, Files.readString(env).replace("    host: httpbin.org", "    host: httpbin..org"));
    TestProject.Result r = validate("--env", "example");
    assertEquals(1, r.exit());
    assertTrue(r.out().startsWith(env + ":37:11: error: externalServices[0].host: must be a DNS name"), r.out());
    assertEquals("meshgen validate: example: 1 error", r.out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void validate_unknownFormat_isAUsageError() {
    assertEquals(64, validate("--env", "example", "--format", "xml").exit());
  }

  // Issue 12: a large run ends with a summary, not a list of every environment's name.
  @Test
  void validate_manyEnvironments_summaryCountsThem(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Sources copy = TestProject.copySources(tmp);
    String example = Files.readString(copy.environments().resolve("example.yaml"));
    for (String name : List.of("copy-a", "copy-b", "copy-c")) {
      Files.writeString(copy.environments().resolve(name + ".yaml"), example
          .replace("    name: mgmt\n", "    name: " + name + "-mgmt\n")
          .replace("    name: cluster1\n", "    name: " + name + "-1\n")
          .replace("    name: cluster2\n", "    name: " + name + "-2\n"));
    }
    List<String> args = new java.util.ArrayList<>(List.of("validate", "--all"));
    args.addAll(TestProject.sourceArgs(copy));
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.out());
    int environments = dev.meshgen.environment.Environments.list(copy.environments()).size();
    assertTrue(environments > 5, "more than five, so the summary counts them: " + environments);
    assertEquals("meshgen validate: " + environments + " environments: 0 errors, 8 acknowledged; valid",
        r.out().lines().reduce((a, b) -> b).orElseThrow());
  }
}
