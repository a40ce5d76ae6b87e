package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find Istio 1.16.7's CRDs; that the bundled Istio schemas are those CRDs converted is
 * checked by {@link UpstreamSchemasTest}.
 */
final class IstioBuiltInSchemasTest {
  private IstioBuiltInSchemasTest() {}

  static final Path ROOT = Path.of(System.getProperty("meshgen.root", "."));
  static final Path ISTIO_CRDS = ROOT.resolve("../shared/schemas/istio-1.16.7");

  /** Skips the calling test when {@code ../shared} is absent; fails instead under CI, where it is always there. */
  static void assumeIstioCrds() {
    String message = "Istio 1.16.7 CRDs not found at " + ISTIO_CRDS.toAbsolutePath().normalize()
        + " (../shared is beside the checkout in CI)";
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(ISTIO_CRDS), message);
    }
    Assumptions.assumeTrue(Files.isDirectory(ISTIO_CRDS), "skipped: " + message);
  }
}
