package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify component (the reference's proof of function as Jobs) builds into the workload
 * overlays when enabled, one Job per source namespace and external service in that namespace's
 * cluster, each calling the service's mesh host; disabled, nothing of it is rendered.
 */
class VerifyComponentTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path out;

  @Test
  void kustomize_exampleWithVerify_addsAJobPerSourceNamespace() throws Exception {
    KustomizeBuildTest.requireKubectl();
    TestProject.Result r = TestProject.render(TestProject.sources(), out, "--env", "example");
    assertEquals(0, r.exit(), r.err());
    Path overlays = out.resolve("example/overlays");

    assertEquals(Map.of("app1/verify-httpbin", "http://httpbin.external/"), jobs(KustomizeBuildTest.kustomize(overlays.resolve("local"))));
    assertEquals(Map.of("app2/verify-httpbin", "http://httpbin.external/"), jobs(KustomizeBuildTest.kustomize(overlays.resolve("remote"))));
    assertEquals(Map.of(), jobs(KustomizeBuildTest.kustomize(overlays.resolve("mgmt"))));
  }

  @Test
  void render_multiRegionWithVerify_placesJobsInTheirNamespacesCluster() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources())
        .render(List.of("multi-region"), List.of("verify.enabled=true")).get(0);

    assertEquals(Map.of(
            "billing/verify-geo", "http://geo.egress.internal/",
            "billing/verify-ledger", "http://ledger.egress.internal/",
            "billing/verify-payments-api", "http://payments-api.egress.internal/",
            "checkout/verify-geo", "http://geo.egress.internal/",
            "checkout/verify-ledger", "http://ledger.egress.internal/",
            "checkout/verify-payments-api", "http://payments-api.egress.internal/"),
        jobs(tree, "components/verify/local/"));
    assertEquals(Map.of(
            "reports/verify-geo", "http://geo.egress.internal/",
            "reports/verify-ledger", "http://ledger.egress.internal/",
            "reports/verify-payments-api", "http://payments-api.egress.internal/"),
        jobs(tree, "components/verify/remote/"));
    assertTrue(tree.files().get("overlays/local/kustomization.yaml").endsWith("components:\n- \"../../components/verify/local\"\n"));
    assertTrue(tree.files().get("components/verify/local/kustomization.yaml").contains("kind: Component\n"));
    assertFalse(tree.files().get("overlays/mgmt/kustomization.yaml").contains("components"));
  }

  @Test
  void render_verifyDisabled_rendersNoComponent() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources())
        .render(List.of("example"), List.of("verify.enabled=false")).get(0);

    assertTrue(tree.files().keySet().stream().noneMatch(p -> p.startsWith("components/")), tree.files().keySet().toString());
    assertFalse(tree.files().get("overlays/local/kustomization.yaml").contains("components"));
  }

  @Test
  void render_verifyJob_failsUnless200AndStopsTheSidecar() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources()).render(List.of("example"), List.of()).get(0);
    JsonNode job = docs(tree.files().get("components/verify/local/job_app1_verify-httpbin.yaml")).get(0);
    JsonNode pod = job.path("spec").path("template");
    List<String> command = new ArrayList<>();
    pod.path("spec").path("containers").get(0).path("command").forEach(c -> command.add(c.asText()));

    assertEquals(List.of("/bin/sh", "-c", "code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 http://httpbin.external/); "
        + "echo \"GET http://httpbin.external/ from app1: HTTP $code (expected 200)\"; "
        + "curl -sS -X POST http://127.0.0.1:15020/quitquitquit >/dev/null 2>&1; test \"$code\" = 200"), command);
    assertEquals("curlimages/curl:8.5.0", pod.path("spec").path("containers").get(0).path("image").asText());
    assertEquals("Never", pod.path("spec").path("restartPolicy").asText());
    assertEquals(2, job.path("spec").path("backoffLimit").asInt());
    assertEquals("{\"holdApplicationUntilProxyStarts\": true}",
        pod.path("metadata").path("annotations").path("proxy.istio.io/config").asText());
  }

  /** namespace/name of each Job to the URL it calls. */
  private static Map<String, String> jobs(String yaml) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : docs(yaml)) {
      if (d.path("kind").asText().equals("Job")) {
        out.put(d.path("metadata").path("namespace").asText() + "/" + d.path("metadata").path("name").asText(),
            d.path("metadata").path("annotations").path("meshgen.dev/url").asText());
        String script = d.path("spec").path("template").path("spec").path("containers").get(0).path("command").get(2).asText();
        assertTrue(script.contains(" " + d.path("metadata").path("annotations").path("meshgen.dev/url").asText() + ")"), script);
      }
    }
    return out;
  }

  private static Map<String, String> jobs(RenderedTree tree, String folder) throws IOException {
    StringBuilder all = new StringBuilder();
    tree.files().forEach((path, text) -> {
      if (path.startsWith(folder) && !path.endsWith("kustomization.yaml")) {
        all.append("---\n").append(text);
      }
    });
    return jobs(all.toString());
  }

  private static List<JsonNode> docs(String yaml) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    }
    return out;
  }
}
