package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.diagnostic.MeshgenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in DestinationRule and PeerAuthentication schemas are Istio 1.16.7's CRDs converted
 * (without descriptions). Regenerate them after changing the converter with
 * {@code mvn -o test -Dtest=IstioBuiltInSchemasTest -Dmeshgen.schemas.regenerate=true}.
 */
class IstioBuiltInSchemasTest {
  static final Path ROOT = Path.of(System.getProperty("meshgen.root", "."));
  static final Path ISTIO_CRDS = ROOT.resolve("../shared/schemas/istio-1.16.7");
  private static final ObjectWriter JSON =
      new ObjectMapper().writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  @ParameterizedTest
  @CsvSource({
    "destinationrule.json, networking.istio.io/v1beta1, DestinationRule",
    "peerauthentication.json, security.istio.io/v1beta1, PeerAuthentication"
  })
  void builtInIstioSchema_isTheConvertedIstioCrd(String file, String apiVersion, String kind) throws Exception {
    assumeIstioCrds();
    String expected = JSON.writeValueAsString(generate(file, apiVersion, kind)) + "\n";
    Path resource = ROOT.resolve("src/main/resources/dev/meshgen/schema").resolve(file);
    if (Boolean.getBoolean("meshgen.schemas.regenerate")) {
      Files.writeString(resource, expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, Files.readString(resource, StandardCharsets.UTF_8),
        file + " is stale: regenerate with -Dmeshgen.schemas.regenerate=true (see this test's javadoc)");
  }

  /** Skips the calling test when {@code ../shared} is absent; fails instead under CI, where it is always there. */
  static void assumeIstioCrds() {
    String message = "Istio 1.16.7 CRDs not found at " + ISTIO_CRDS.toAbsolutePath().normalize()
        + " (../shared is beside the checkout in CI)";
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(ISTIO_CRDS), message);
    }
    Assumptions.assumeTrue(Files.isDirectory(ISTIO_CRDS), "skipped: " + message);
  }

  private static ObjectNode generate(String file, String apiVersion, String kind) throws MeshgenException, IOException {
    for (CrdReader.CrdVersion version : CrdReader.read(List.of(ISTIO_CRDS))) {
      if (version.apiVersion().equals(apiVersion) && version.kind().equals(kind)) {
        ObjectNode converted = CrdConverter.convert(version.openApiSchema(), BuiltInSchemas.BASE + file, false);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("$schema", converted.get("$schema").asText());
        out.put("$id", converted.get("$id").asText());
        out.put("title", kind + " (" + apiVersion + "): converted from Istio 1.16.7's CRD (crd-all.gen.yaml) by"
            + " meshgen's CRD converter, descriptions left out; see IstioBuiltInSchemasTest");
        out.putArray("required").add("apiVersion").add("kind").add("metadata");
        converted.fields().forEachRemaining(f -> {
          if (!f.getKey().startsWith("$")) {
            out.set(f.getKey(), f.getValue());
          }
        });
        ObjectNode properties = (ObjectNode) out.get("properties");
        properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("const", apiVersion));
        properties.set("kind", JsonNodeFactory.instance.objectNode().put("const", kind));
        properties.remove("status"); // the cluster writes status; a rendered resource has none
        return out;
      }
    }
    throw new AssertionError("no " + apiVersion + "/" + kind + " in " + ISTIO_CRDS);
  }

}
