package dev.meshgen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ownership record keeps what validating the tree found (issue 14), so a later run can report
 * a kept tree's findings without parsing or validating it: exactly, or not at all.
 */
class RecordedFindingsTest {
  private static final String HASH = "0".repeat(64);
  private static Pipeline.Report example;

  @BeforeAll
  static void render() throws Exception {
    example = Pipeline.of(TestProject.sources()).check(List.of("example"), List.of());
  }

  private static RenderedTree tree() {
    return example.trees().get(0);
  }

  @Test
  void withInputs_findingsOfTheTree_areReadBackExactlyWithTheirResource() {
    List<Diagnostic> findings = example.findings();
    assertEquals(2, findings.size(), findings.toString());

    RenderedTree stamped = tree().withInputs(HASH, findings);
    RenderedTree kept = RenderedTree.kept("example", stamped.files(), HASH).orElseThrow();

    assertEquals(findings, kept.recordedFindings().stream().map(RenderedTree.Finding::diagnostic).toList());
    assertEquals(List.of("VirtualDestination gloo-mesh/egress-gateway", "VirtualGateway gloo-mesh/east-west-gw"),
        kept.recordedFindings().stream().map(RenderedTree.Finding::resource).toList());
    assertEquals(stamped, kept);
  }

  @Test
  void withInputs_findingAboutAFileOutsideTheTree_recordsNoInputHash() {
    Diagnostic aboutProperties = Diagnostic.warning(new Location("environments/example.yaml", 3, 1), "x", "moved");

    RenderedTree stamped = tree().withInputs(HASH, List.of(aboutProperties));

    assertEquals(tree(), stamped);
    assertFalse(RenderedTree.kept("example", stamped.files(), HASH).isPresent());
  }

  @Test
  void kept_recordWhoseFindingWasEditedByHand_isNotKept() {
    Map<String, String> files = new TreeMap<>(tree().withInputs(HASH, example.findings()).files());
    String record = files.get(RenderedTree.RECORD);
    assertTrue(record.contains("\twarning\t") || record.contains("\tacknowledged\t"), record);
    files.put(RenderedTree.RECORD, record.replaceFirst("\t(warning|acknowledged)\t", "\terror\t"));

    assertFalse(RenderedTree.kept("example", files, HASH).isPresent());
  }
}
