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
import dev.meshgen.pipeline.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify Jobs (the reference's proof of function) live in {@code verify/<role>/}, a
 * kustomization of their own that no overlay lists, one Job per source namespace and external
 * service in that namespace's cluster, each asking the service's mesh host for its
 * {@code verify.path} and passing on one of its {@code verify.expect} codes (issue 10).
 */
class VerifyJobsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path out;

  @Test
  void kustomize_exampleWithVerify_buildsAJobPerSourceNamespaceOutsideTheOverlays() throws Exception {
    KustomizeBuildTest.requireKubectl();
    TestProject.Result r = TestProject.render(TestProject.sources(), out, "--env", "example");
    assertEquals(0, r.exit(), r.err());
    Path env = out.resolve("example");

    assertEquals(Map.of("app1/verify-httpbin", "http://httpbin.external/"), jobs(KustomizeBuildTest.kustomize(env.resolve("verify/local"))));
    assertEquals(Map.of("app2/verify-httpbin", "http://httpbin.external/"), jobs(KustomizeBuildTest.kustomize(env.resolve("verify/remote"))));
    for (String role : List.of("mgmt", "local", "remote")) {
      assertEquals(Map.of(), jobs(KustomizeBuildTest.kustomize(env.resolve("overlays").resolve(role))), role);
    }
  }

  @Test
  // Issue 10: HTTPS-only services (payments-api 443, ledger 8443) are called on the mesh host's HTTP port.
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
        jobs(tree, "verify/local/"));
    assertEquals(Map.of(
            "reports/verify-geo", "http://geo.egress.internal/",
            "reports/verify-ledger", "http://ledger.egress.internal/",
            "reports/verify-payments-api", "http://payments-api.egress.internal/"),
        jobs(tree, "verify/remote/"));
    assertTrue(tree.files().get("verify/local/kustomization.yaml").contains("kind: Kustomization\n"));
    for (String role : List.of("mgmt", "local", "remote")) {
      assertFalse(tree.files().get("overlays/" + role + "/kustomization.yaml").contains("verify"), role);
    }
  }

  @Test
  void render_verifyDisabled_rendersNoJobsNorTheirEntryPoints() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources())
        .render(List.of("example"), List.of("verify.enabled=false")).get(0);

    assertTrue(tree.files().keySet().stream().noneMatch(p -> p.startsWith("verify/") || p.contains("-verify.yaml")),
        tree.files().keySet().toString());
  }

  @Test
  void render_verifyJob_carriesRevisionAndArgoReplaceAndTheServicesCheck() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources()).render(List.of("example"),
        List.of("externalServices[0].verify.path=/status/418", "externalServices[0].verify.expect=418")).get(0);
    JsonNode job = docs(tree.files().get("verify/local/job_app1_verify-httpbin.yaml")).get(0);
    JsonNode pod = job.path("spec").path("template");

    assertEquals("Force=true,Replace=true", job.path("metadata").path("annotations").path("argocd.argoproj.io/sync-options").asText());
    assertEquals("enabled", job.path("metadata").path("annotations").path("kustomize.toolkit.fluxcd.io/force").asText());
    assertEquals("418", job.path("metadata").path("annotations").path("meshgen.dev/expect").asText());
    assertEquals("http://httpbin.external/status/418", job.path("metadata").path("annotations").path("meshgen.dev/url").asText());
    assertEquals("1-16", pod.path("metadata").path("labels").path("istio.io/rev").asText());
    assertEquals("Never", pod.path("spec").path("restartPolicy").asText());
    assertEquals("{\"holdApplicationUntilProxyStarts\": true}",
        pod.path("metadata").path("annotations").path("proxy.istio.io/config").asText());
    assertTrue(job.path("spec").path("activeDeadlineSeconds").asInt() > 20 * 15, "room for every try");
  }

  @Test
  void script_passesOnAnExpectedCodeAndStopsTheSidecar() throws Exception {
    Run run = runScript(script(TestProject.sources()), "200");
    assertEquals(0, run.exit(), run.output());
    assertEquals("GET http://httpbin.external/ from app1: HTTP 200 (expected 200, try 1)\n", run.output());
    assertEquals(List.of("-sS -o /dev/null -w %{http_code} --max-time 10 http://httpbin.external/",
        "-sS -X POST http://127.0.0.1:15020/quitquitquit"), run.curlCalls());
  }

  @Test
  void script_retriesThenFailsOnAnotherCode() throws Exception {
    Run run = runScript(script(TestProject.sources()), "503");
    assertEquals(1, run.exit(), run.output());
    assertEquals("GET http://httpbin.external/ from app1: HTTP 503 (expected 200, try 20)\n", run.output());
    assertEquals(21, run.curlCalls().size(), "20 tries, then the sidecar is stopped");
  }

  @Test
  void script_acceptsAnyListedCode() throws Exception {
    Sources sources = TestProject.copySources(out.resolve("src"));
    Path example = sources.environments().resolve("example.yaml");
    Files.writeString(example, Files.readString(example).replace("      mode: SIMPLE\n",
        "      mode: SIMPLE\n    verify:\n      path: /anything\n      expect: [200, 401]\n"));
    Run run = runScript(script(sources), "401");
    assertEquals(0, run.exit(), run.output());
    assertEquals("GET http://httpbin.external/anything from app1: HTTP 401 (expected 200 or 401, try 1)\n", run.output());
  }

  private static String script(Sources sources) throws Exception {
    RenderedTree tree = Pipeline.of(sources).render(List.of("example"), List.of()).get(0);
    JsonNode job = docs(tree.files().get("verify/local/job_app1_verify-httpbin.yaml")).get(0);
    JsonNode command = job.path("spec").path("template").path("spec").path("containers").get(0).path("command");
    assertEquals("/bin/sh", command.get(0).asText());
    assertEquals("-c", command.get(1).asText());
    return command.get(2).asText();
  }

  private record Run(int exit, String output, List<String> curlCalls) {}

  /** Runs the Job's script with /bin/sh, a fake curl that answers {@code code} and a sleep that returns at once. */
  private Run runScript(String script, String code) throws Exception {
    Path bin = Files.createDirectories(out.resolve("bin"));
    Path calls = out.resolve("calls.txt");
    Files.writeString(bin.resolve("curl"), "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
        + "case \"$*\" in *quitquitquit*) exit 0;; esac\nprintf %s " + code + "\n");
    Files.writeString(bin.resolve("sleep"), "#!/bin/sh\nexit 0\n");
    bin.resolve("curl").toFile().setExecutable(true);
    bin.resolve("sleep").toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not end");
    List<String> curlCalls = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    return new Run(p.exitValue(), output, curlCalls);
  }

  /** namespace/name of each Job to the URL it calls. */
  private static Map<String, String> jobs(String yaml) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : docs(yaml)) {
      if (d.path("kind").asText().equals("Job")) {
        String url = d.path("metadata").path("annotations").path("meshgen.dev/url").asText();
        out.put(d.path("metadata").path("namespace").asText() + "/" + d.path("metadata").path("name").asText(), url);
        String script = d.path("spec").path("template").path("spec").path("containers").get(0).path("command").get(2).asText();
        assertTrue(script.startsWith("url='" + url + "'; "), script);
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
