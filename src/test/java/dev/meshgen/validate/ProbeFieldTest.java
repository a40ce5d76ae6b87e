package dev.meshgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.schema.ResourceSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9: every file meshgen writes is validated. A field no upstream API has, slipped into any
 * template, fails {@code validate --all} and is named, in every folder (entry points and verify
 * Jobs too), and also when {@code --crds} brings CRDs whose spec is open.
 */
class ProbeFieldTest {
  private static final String PROBE = "meshgenProbe";

  static List<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(TestProject.root().resolve("templates"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml.ftl")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void validate_probeFieldInTemplate_failsAndNamesTheField(String template, @TempDir Path dir) throws Exception {
    Sources sources = TestProject.copySources(dir);
    String expectedPath = plant(sources.templates().resolve(template));
    TestProject.Result r = validate(sources, List.of());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.contains(": error: " + expectedPath + ": unknown field '" + PROBE + "'")),
        r.out());
  }

  @ParameterizedTest
  @MethodSource("templates")
  void validate_probeFieldWithOpenCrds_stillFailsAndNamesTheField(String template, @TempDir Path dir) throws Exception {
    Sources sources = TestProject.copySources(dir.resolve("project"));
    String expectedPath = plant(sources.templates().resolve(template));
    Path crds = openCrdsForEveryBuiltInKind(dir.resolve("crds"));
    TestProject.Result r = validate(sources, List.of("--crds", crds.toString()));
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.contains(": error: " + expectedPath + ": unknown field '" + PROBE + "'")),
        r.out());
    assertTrue(r.out().contains("leaves spec open (x-kubernetes-preserve-unknown-fields); meshgen keeps its strict built-in schema"),
        r.out());
  }

  private static TestProject.Result validate(Sources sources, List<String> more) {
    List<String> args = new ArrayList<>(List.of("validate", "--all", "--set", "verify.enabled=true"));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(more);
    return TestProject.run(args.toArray(String[]::new));
  }

  /** Puts the probe under {@code spec:}, or at the top when the template renders no spec; returns its path. */
  private static String plant(Path template) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(template, StandardCharsets.UTF_8));
    int spec = lines.indexOf("spec:");
    if (spec >= 0) {
      lines.add(spec + 1, "  " + PROBE + ": 1");
    } else {
      int kind = -1;
      for (int i = 0; i < lines.size() && kind < 0; i++) {
        kind = lines.get(i).startsWith("kind: ") ? i : -1;
      }
      assertTrue(kind >= 0, template + " has neither spec: nor kind:");
      lines.add(kind + 1, PROBE + ": 1");
    }
    Files.writeString(template, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return spec >= 0 ? "spec." + PROBE : PROBE;
  }

  /** What Solo publishes for Gloo 2.2 (and Istio for IstioOperator): a CRD per kind whose spec takes anything. */
  private static Path openCrdsForEveryBuiltInKind(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder();
    for (String key : ResourceSchemas.builtIn().kinds().keySet()) {
      String[] parts = key.split("/");
      if (parts.length != 3) {
        continue; // core kinds (v1/Namespace) have no CRD
      }
      b.append("""
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: open.%s}
          spec:
            group: %s
            names: {kind: %s}
            versions:
            - name: %s
              served: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
          """.formatted(parts[0], parts[0], parts[2], parts[1]));
    }
    Path file = dir.resolve("open-crds.yaml");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
