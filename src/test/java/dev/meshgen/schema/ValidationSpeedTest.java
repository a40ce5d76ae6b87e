package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshgen.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Prints how long validating 1,000 rendered resources takes (no timing assertion: machines differ),
 * and checks that validating from several threads gives the same findings as from one.
 */
class ValidationSpeedTest {
  private static final int RESOURCES = 1_000;

  @Test
  void validate_thousandResources_printsTheTime_andIsThreadSafe() throws Exception {
    List<Map.Entry<String, String>> example = new ArrayList<>(RenderedExampleTest.renderExample().entrySet());
    // Schemas compile per kind on first use (issue 14): time that with a set of its own.
    long loadStart = System.nanoTime();
    ResourceSchemas schemas = ResourceSchemas.bundled();
    example.forEach(e -> schemas.validate(e.getKey(), e.getValue()));
    long loadNanos = System.nanoTime() - loadStart;

    // Every fifth resource gets a misspelt field, so the findings path is timed too.
    List<String[]> inputs = IntStream.range(0, RESOURCES).mapToObj(i -> {
      Map.Entry<String, String> e = example.get(i % example.size());
      String text = i % 5 == 0 ? e.getValue().replace("\n  name: ", "\n  nme: ") : e.getValue();
      return new String[] {e.getKey(), text};
    }).toList();

    for (int warm = 0; warm < 3; warm++) {
      inputs.forEach(in -> schemas.validate(in[0], in[1]));
    }
    long start = System.nanoTime();
    List<List<Diagnostic>> sequential = inputs.stream().map(in -> schemas.validate(in[0], in[1])).toList();
    long nanos = System.nanoTime() - start;
    List<List<Diagnostic>> parallel = inputs.parallelStream().map(in -> schemas.validate(in[0], in[1])).toList();

    System.out.printf("meshgen schema: the example's %d kinds compiled and checked once in %d ms; validated %d resources in %d ms"
            + " (%.0f µs each, %d findings)%n",
        schemas.compiledKinds().size(), loadNanos / 1_000_000, RESOURCES, nanos / 1_000_000, nanos / 1_000.0 / RESOURCES,
        sequential.stream().mapToInt(List::size).sum());
    if (java.nio.file.Files.isDirectory(IstioBuiltInSchemasTest.ISTIO_CRDS)) {
      long crdStart = System.nanoTime();
      ResourceSchemas.fromCrds(List.of(IstioBuiltInSchemasTest.ISTIO_CRDS));
      System.out.printf("meshgen schema: Istio 1.16.7 CRD bundle read and converted in %d ms%n",
          (System.nanoTime() - crdStart) / 1_000_000);
    }
    assertEquals(sequential, parallel);
    assertEquals(RESOURCES / 5, sequential.stream().filter(f -> !f.isEmpty()).count());
  }
}
