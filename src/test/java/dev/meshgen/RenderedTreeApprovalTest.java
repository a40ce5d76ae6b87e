package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Locks the complete rendered tree of every environment in the shipped environments/, whatever it
 * holds: every file's path and bytes. Re-approve with {@code MESHGEN_APPROVE=1 mvn -B test}, which
 * also deletes the approved trees of environments no longer shipped.
 */
class RenderedTreeApprovalTest {
  private static final Path APPROVED = TestProject.root().resolve("src/test/java/dev/meshgen/approved");
  private static final String PREFIX = "RenderedTreeApprovalTest.render_shippedEnvironment_matchesApprovedTree";

  static List<String> shippedEnvironments() throws Exception {
    List<String> names = ShippedApprovals.environments();
    assertFalse(names.isEmpty(), "no environments shipped");
    return names;
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void render_shippedEnvironment_matchesApprovedTree(String environment) throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.shipped()).render(List.of(environment), List.of()).get(0);
    Approvals.verify(text(tree), new Options().forFile().withAdditionalInformation(environment));
  }

  @Test
  void approvedTrees_eachNamesAShippedEnvironment() throws Exception {
    assertEquals(List.of(), ShippedApprovals.orphans(APPROVED, PREFIX), ShippedApprovals.orphanMessage(APPROVED));
  }

  /** The tree as one reviewable text: each file under a header with its path. */
  static String text(RenderedTree tree) {
    StringBuilder b = new StringBuilder();
    tree.files().forEach((path, content) -> b.append("==> ").append(tree.environment()).append('/').append(path)
        .append(" <==\n").append(content).append('\n'));
    return b.toString();
  }
}
