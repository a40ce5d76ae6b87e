package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind's schema is compiled the first time a resource of that kind is checked (issue 14);
 * which kinds came first, and from how many threads, changes no finding.
 */
class LazySchemasTest {
  private static final String NAMESPACE_TYPO = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  lables: {x: y}\n";
  /** The rendered example's cluster resources, each with a misspelt metadata field. */
  private static Map<String, String> broken;

  @TempDir Path dir;

  @BeforeAll
  static void render() throws Exception {
    broken = new TreeMap<>();
    RenderedExampleTest.renderExample().forEach((file, text) -> broken.put(file, text.replace("\nmetadata:\n", "\nmetadata:\n  nmespace: x\n")));
  }

  private static List<String> check(ResourceSchemas schemas, String file, String yaml) {
    return schemas.validate(file, yaml).stream().map(Diagnostic::toString).toList();
  }

  private static Map<String, List<String>> checkAll(ResourceSchemas schemas, List<String> files) {
    Map<String, List<String>> out = new TreeMap<>();
    files.forEach(f -> out.put(f, check(schemas, f, broken.get(f))));
    return out;
  }

  @Test
  void bundled_compilesNothingUntilAKindIsChecked_thenOnlyThatKind() {
    ResourceSchemas fresh = ResourceSchemas.bundled();
    assertEquals(Set.of(), fresh.compiledKinds());
    assertEquals(BuiltInSchemas.KINDS.keySet(), fresh.kinds().keySet());
    assertEquals(List.of(), check(fresh, "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"));
    assertEquals(Set.of("v1/Namespace"), fresh.compiledKinds());
  }

  @Test
  void validate_unknownKindFirst_isRefusedByName_andTheNextKindsStillCheckStrictly() {
    ResourceSchemas fresh = ResourceSchemas.bundled();
    assertEquals(List.of("w.yaml:2:7: error: no schema for example.dev/v1/Widget"),
        check(fresh, "w.yaml", "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\n"));
    assertEquals(List.of("ns.yaml:5:3: error: metadata.lables: unknown field 'lables' (did you mean 'labels'?)"),
        check(fresh, "ns.yaml", NAMESPACE_TYPO));
    assertEquals(List.of("w.yaml:2:7: error: no schema for example.dev/v1/Widget"),
        check(fresh, "w.yaml", "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\n"));
  }

  @Test
  void validate_renderedKindsInEitherOrder_findTheSameAsTheSharedSet() {
    List<String> files = new ArrayList<>(broken.keySet());
    Map<String, List<String>> shared = checkAll(ResourceSchemas.builtIn(), files);
    List<String> reversed = new ArrayList<>(files);
    Collections.reverse(reversed);
    assertEquals(shared, checkAll(ResourceSchemas.bundled(), files));
    assertEquals(shared, checkAll(ResourceSchemas.bundled(), reversed));
    shared.forEach((file, findings) -> assertTrue(findings.stream().anyMatch(f -> f.contains("'nmespace'")), file + ": " + findings));
  }

  @Test
  void validate_coldSetFromManyThreads_findsWhatOneThreadFinds() {
    List<String> files = new ArrayList<>(broken.keySet());
    List<String> many = IntStream.range(0, 8 * files.size()).mapToObj(i -> files.get(i % files.size())).toList();
    List<List<String>> sequential = many.stream().map(f -> check(ResourceSchemas.builtIn(), f, broken.get(f))).toList();
    ResourceSchemas cold = ResourceSchemas.bundled();
    assertEquals(sequential, many.parallelStream().map(f -> check(cold, f, broken.get(f))).toList());
  }

  @Test
  void fromCrds_builtInKindsCheckedThroughIt_stayStrict_beforeAndAfterTheCrdsKind() throws Exception {
    Path crd = dir.resolve("widget.yaml");
    Files.writeString(crd, """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.dev}
        spec:
          group: example.dev
          names: {kind: Widget}
          versions:
          - name: v1
            served: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        """, StandardCharsets.UTF_8);
    ResourceSchemas withCrd = ResourceSchemas.fromCrds(List.of(crd));
    List<String> strict = check(ResourceSchemas.builtIn(), "ns.yaml", NAMESPACE_TYPO);
    assertEquals(1, strict.size(), strict.toString());
    assertEquals(strict, check(withCrd, "ns.yaml", NAMESPACE_TYPO));
    assertEquals(List.of("w.yaml:4:8: error: spec.sise: unknown field 'sise' (did you mean 'size'?)"),
        check(withCrd, "w.yaml", "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec: {sise: 1}\n"));
    assertEquals(strict, check(withCrd, "ns.yaml", NAMESPACE_TYPO));
    assertEquals(List.of("cm.yaml:2:7: error: no schema for v1/ConfigMap"),
        check(withCrd, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"));
  }

  @Test
  void kindIndex_namesEachFilesOwnApiVersionAndKind() {
    Map<String, String> fromFiles = new LinkedHashMap<>();
    for (String file : BuiltInSchemas.FILES) {
      String kind = BuiltInSchemas.kindOf(BuiltInSchemas.read(file));
      if (kind != null) {
        fromFiles.put(kind, file);
      }
    }
    assertEquals(new TreeMap<>(fromFiles), new TreeMap<>(BuiltInSchemas.KINDS));
    assertEquals(BuiltInSchemas.FILES.size() - 1, fromFiles.size(), "every file but common.json is one kind's");
  }
}
