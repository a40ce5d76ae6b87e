package dev.meshgen.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.ShippedApprovals;
import dev.meshgen.TestProject;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The traffic path picture of each shipped environment is locked, and a reference broken in the
 * rendered files (not in the property file) shows as a broken hop (on the fixture's example).
 */
class TrafficPathTest {
  private static final Path APPROVED = TestProject.root().resolve("src/test/java/dev/meshgen/picture/approved");
  private static final String PREFIX = "TrafficPathTest.mermaid_shippedEnvironment_matchesApproved";
  private static final String MESH_ROUTE = "overlays/mgmt/routetable_app1-configs_httpbin-route-mesh.yaml";
  private static RenderedTree example;

  @BeforeAll
  static void render() throws Exception {
    example = Pipeline.of(TestProject.sources()).render(List.of("example"), List.of()).get(0);
  }

  static List<String> shippedEnvironments() throws Exception {
    return ShippedApprovals.environments();
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void mermaid_shippedEnvironment_matchesApproved(String environment) throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.shipped()).render(List.of(environment), List.of()).get(0);
    Approvals.verify(TrafficPath.mermaid(tree), new Options().forFile().withAdditionalInformation(environment));
  }

  @Test
  void approvedPictures_eachNamesAShippedEnvironment() throws Exception {
    assertEquals(List.of(), ShippedApprovals.orphans(APPROVED, PREFIX), ShippedApprovals.orphanMessage(APPROVED));
  }

  @Test
  void readme_example_embedsThePictureAndIsOwned() throws Exception {
    String readme = example.files().get(TrafficPath.README);
    assertTrue(readme.contains("```mermaid\n" + TrafficPath.mermaid(example) + "```\n"), readme);
    assertTrue(readme.contains("Every hop resolves."), readme);
    assertTrue(example.files().get(RenderedTree.RECORD).contains("\n" + TrafficPath.README + "\n"));
  }

  @Test
  void mermaid_meshRouteToMissingDestination_showsTheBrokenHop() throws Exception {
    RenderedTree broken = edit(example, MESH_ROUTE, "          name: egress-gateway\n", "          name: egress-gatewy\n");

    List<String> lines = TrafficPath.mermaid(broken).lines().toList();

    assertTrue(lines.contains("  missing_virtualdestination_gloo_mesh_egress_gatewy"
        + "[\"missing VirtualDestination gloo-mesh/egress-gatewy\"]:::broken"), String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster1_app1 -.->|\"httpbin.external :80\"| missing_virtualdestination_gloo_mesh_egress_gatewy"),
        String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster2_app2 -.->|\"httpbin.external :80\"| missing_virtualdestination_gloo_mesh_egress_gatewy"),
        String.join("\n", lines));
    // The sources' edges are the first two; only they are red.
    assertTrue(lines.contains("  linkStyle 0,1 stroke:#c00,color:#c00"), String.join("\n", lines));
    assertTrue(lines.contains("  classDef broken fill:#fdd,stroke:#c00,color:#900,stroke-dasharray:5 3"));
    // The rest of the path still resolves.
    assertTrue(lines.contains("  es_app1_configs_httpbin_external_service -->|\":443 TLS SIMPLE\"| host_httpbin_org"));
  }

  @Test
  void readme_brokenReference_countsAndListsTheBrokenHops() throws Exception {
    RenderedTree broken = TrafficPath.withReadme(
        edit(example, MESH_ROUTE, "          name: egress-gateway\n", "          name: egress-gatewy\n"));

    String readme = broken.files().get(TrafficPath.README);

    assertTrue(readme.contains("**2 broken hops.**"), readme);
    assertTrue(readme.contains("| cluster2/app2 | missing VirtualDestination gloo-mesh/egress-gatewy | httpbin.external :80 | "
        + "`" + MESH_ROUTE + "` | **broken** |\n"), readme);
  }

  @Test
  void mermaid_noEastWestRoute_breaksTheRemoteHopOnly() throws Exception {
    RenderedTree tree = without(example, "overlays/mgmt/routetable_app1-configs_egress-to-egress.yaml");

    List<String> lines = TrafficPath.mermaid(tree).lines().toList();

    assertTrue(lines.contains("  ns_cluster2_app2 -.->|\"httpbin.external :80 ISTIO_MUTUAL sni=httpbin.external\"| "
        + "missing_east_west_route_for_httpbin_external_into_cluster1"), String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster1_app1 -->|\"httpbin.external :80 ISTIO_MUTUAL sni=httpbin.external\"| "
        + "vd_gloo_mesh_egress_gateway"), String.join("\n", lines));
  }

  @Test
  void mermaid_tlsOriginationDisabled_showsTheMode() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources())
        .check(List.of("example"), List.of("externalServices[0].tlsOrigination.mode=DISABLE")).trees().get(0);

    assertTrue(TrafficPath.mermaid(tree).contains(
        "  es_app1_configs_httpbin_external_service -->|\":443 TLS DISABLE\"| host_httpbin_org\n"));
  }

  @Test
  void mermaid_sameTree_sameBytes() throws Exception {
    assertEquals(TrafficPath.mermaid(example), TrafficPath.mermaid(RenderedTree.readBack("example", new TreeMap<>(example.files()))));
  }

  /** The tree with {@code from} replaced by {@code to} in one file; {@code from} must occur exactly once. */
  private static RenderedTree edit(RenderedTree tree, String file, String from, String to) throws Exception {
    String text = tree.files().get(file);
    assertTrue(text != null && text.indexOf(from) >= 0 && text.indexOf(from) == text.lastIndexOf(from),
        "'" + from + "' must occur once in " + file);
    TreeMap<String, String> files = new TreeMap<>(tree.files());
    files.put(file, text.replace(from, to));
    return RenderedTree.readBack(tree.environment(), files);
  }

  private static RenderedTree without(RenderedTree tree, String file) throws Exception {
    TreeMap<String, String> files = new TreeMap<>(tree.files());
    assertTrue(files.remove(file) != null, file);
    return RenderedTree.readBack(tree.environment(), files);
  }
}
