package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture's rendered {@code example} environment (the reference setup) is valid against the built-in schemas and Istio 1.16.7's CRDs. */
class RenderedExampleTest {
  private static Map<String, String> resources;

  @BeforeAll
  static void render() throws Exception {
    resources = renderExample();
  }

  /**
   * Every cluster resource file of the rendered example: under base/ and overlays/, not the
   * kustomization files (Flux/Argo CD entry points, the verify component and the README are not
   * cluster resources of the setup).
   */
  static Map<String, String> renderExample() throws Exception {
    Pipeline pipeline = Pipeline.of(TestProject.sources());
    RenderedTree tree = pipeline.render(List.of("example"), List.of()).get(0);
    Map<String, String> out = new TreeMap<>();
    tree.files().forEach((path, text) -> {
      if ((path.startsWith("base/") || path.startsWith("overlays/")) && path.endsWith(".yaml")
          && !path.endsWith("kustomization.yaml")) {
        out.put("example/" + path, text);
      }
    });
    return out;
  }

  @Test
  void validate_everyRenderedExampleResource_isValidAgainstBuiltInSchemas() {
    List<Diagnostic> findings = new ArrayList<>();
    resources.forEach((file, text) -> findings.addAll(ResourceSchemas.builtIn().validate(file, text)));
    assertEquals(List.of(), findings.stream().map(Diagnostic::toString).toList());
    assertEquals(26, resources.size(), resources.keySet().toString());
  }

  @Test
  void validate_everyRenderedIstioResource_isValidAgainstIstio1167Crds() throws Exception {
    IstioBuiltInSchemasTest.assumeIstioCrds();
    ResourceSchemas istio = ResourceSchemas.fromCrds(List.of(IstioBuiltInSchemasTest.ISTIO_CRDS));
    List<String> checked = new ArrayList<>();
    List<Diagnostic> findings = new ArrayList<>();
    resources.forEach((file, text) -> {
      if (text.contains("\nkind: DestinationRule\n") || text.contains("\nkind: PeerAuthentication\n")) {
        checked.add(file);
        findings.addAll(istio.validate(file, text));
      }
    });
    assertEquals(List.of(), findings.stream().map(Diagnostic::toString).toList());
    assertEquals(4, checked.size(), checked.toString());
    assertTrue(istio.kinds().get("networking.istio.io/v1beta1/DestinationRule").endsWith("crd-all.gen.yaml"));
    assertFalse(istio.kinds().get("networking.gloo.solo.io/v2/RouteTable").endsWith(".yaml"));
  }
}
