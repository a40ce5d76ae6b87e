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
  private static final String RED = "stroke:#c00,stroke-width:2px,stroke-dasharray:6 4,color:#c00";
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
        + "[\"missing VirtualDestination gloo-mesh/egress-gatewy\"]:::missing"), String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster1_app1 -.->|\"httpbin.external:80\"| missing_virtualdestination_gloo_mesh_egress_gatewy"),
        String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster2_app2 -.->|\"httpbin.external:80\"| missing_virtualdestination_gloo_mesh_egress_gatewy"),
        String.join("\n", lines));
    // The sources' edges are the first two; only they are red.
    assertTrue(lines.contains("  linkStyle 0,1 " + RED), String.join("\n", lines));
    assertTrue(lines.contains("  classDef missing fill:#fdd,stroke:#c00,color:#900,stroke-dasharray:5 3"));
    // The rest of the path still resolves.
    assertTrue(lines.contains("  gw_gloo_mesh_egress_gw -->|\"TLS SIMPLE :443, verified\"| host_httpbin_org"), String.join("\n", lines));
  }

  @Test
  void readme_brokenReference_countsAndListsTheBrokenHops() throws Exception {
    RenderedTree broken = TrafficPath.withReadme(
        edit(example, MESH_ROUTE, "          name: egress-gateway\n", "          name: egress-gatewy\n"));

    String readme = broken.files().get(TrafficPath.README);

    assertTrue(readme.contains("\n**2 broken hops.**\n"), readme);
    assertTrue(readme.contains("| cluster2/app2 | missing VirtualDestination gloo-mesh/egress-gatewy | httpbin.external | 80 | "
        + "httpbin.external:80 |  | `" + MESH_ROUTE + "` | **broken** |\n"), readme);
  }

  @Test
  void mermaid_noEastWestRoute_breaksTheRemoteHopOnly() throws Exception {
    RenderedTree tree = without(example, "overlays/mgmt/routetable_app1-configs_egress-to-egress.yaml");

    List<String> lines = TrafficPath.mermaid(tree).lines().toList();

    assertTrue(lines.contains("  ns_cluster2_app2 -.->|\"mTLS ISTIO_MUTUAL\"| "
        + "missing_east_west_route_for_httpbin_external_into_cluster1"), String.join("\n", lines));
    assertTrue(lines.contains("  ns_cluster1_app1 -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_egress_gw"), String.join("\n", lines));
  }

  @Test
  void mermaid_tlsOriginationDisabled_isRedAndDashedAtTheEgressGateway() throws Exception {
    RenderedTree tree = Pipeline.of(TestProject.sources())
        .check(List.of("example"), List.of("externalServices[0].tlsOrigination.mode=DISABLE")).trees().get(0);

    List<String> lines = TrafficPath.mermaid(tree).lines().toList();

    assertTrue(lines.contains("  gw_gloo_mesh_egress_gw -.->|\"TLS DISABLE :443<br/>plain text\"| host_httpbin_org"),
        String.join("\n", lines));
    // Edges 0-2 are the mesh hops, 3 the origination: only it is red.
    assertTrue(lines.contains("  linkStyle 3 " + RED), String.join("\n", lines));
    assertTrue(TrafficPath.readme(tree).contains("\nEvery hop resolves. **1 hop in plain text.**\n"));
  }

  @Test
  void mermaid_peerAuthenticationPermissive_drawsTheMeshHopsRedAndDashed() throws Exception {
    RenderedTree tree = edit(example, "base/peerauthentication_istio-system_default.yaml", "mode: STRICT", "mode: PERMISSIVE");

    List<String> lines = TrafficPath.mermaid(tree).lines().toList();

    String label = "|\"mTLS, PERMISSIVE<br/>PeerAuthentication istio-system/default\"| ";
    assertTrue(lines.contains("  ns_cluster1_app1 -.->" + label + "gw_gloo_mesh_egress_gw"), String.join("\n", lines));
    assertTrue(lines.contains("  gw_gloo_mesh_east_west_gw -.->" + label + "gw_gloo_mesh_egress_gw"), String.join("\n", lines));
    assertTrue(lines.contains("  linkStyle 0,1,2 " + RED), String.join("\n", lines));
  }

  @Test
  void mermaid_example_drawsEachGatewayOnceInsideTheClusterThatRunsIt() throws Exception {
    String picture = TrafficPath.mermaid(example);

    String cluster1 = picture.substring(picture.indexOf("  subgraph c_cluster1["), picture.indexOf("  end\n", picture.indexOf("subgraph c_cluster1")));
    assertTrue(cluster1.contains("    gw_gloo_mesh_egress_gw[\"<b>egress gateway</b><br/>VirtualGateway gloo-mesh/egress-gw"
        + "<br/>VirtualDestination gloo-mesh/egress-gateway\"]\n"), cluster1);
    assertTrue(cluster1.contains("    gw_gloo_mesh_east_west_gw[\"<b>east-west gateway</b><br/>VirtualGateway gloo-mesh/east-west-gw\"]\n"),
        cluster1);
    // Config objects are not nodes of their own: only namespaces, gateways, hosts and the notes are.
    assertEquals(List.of("gw_gloo_mesh_east_west_gw", "gw_gloo_mesh_egress_gw", "host_httpbin_org", "legend", "ns_cluster1_app1",
        "ns_cluster2_app2", "services"), nodeIds(picture));
  }

  @Test
  void mermaid_example_listsEachServiceOnceAndNotOnTheHops() throws Exception {
    String picture = TrafficPath.mermaid(example);

    assertEquals(1, occurrences(picture, "httpbin.external"), picture);
    assertTrue(picture.contains("<br/>httpbin.external → gateway :80 → httpbin.org:443<br/>"
        + "<i>via ExternalService app1-configs/httpbin-external-service</i>\"]:::note\n"), picture);
    assertTrue(picture.contains("  legend[\"<b>legend</b>"), picture);
  }

  @Test
  void mermaid_workloadClustersAlike_areOneBoxNamingThemAll() throws Exception {
    RenderedTree tree = edit(example, "overlays/mgmt/workspace_gloo-mesh_app2.yaml",
        "  - name: mgmt\n", "  - name: cluster3\n    namespaces:\n    - name: app2\n  - name: mgmt\n");

    String picture = TrafficPath.mermaid(tree);

    assertTrue(picture.contains("  subgraph c_cluster2[\"2 clusters alike<br/>cluster2, cluster3\"]\n    ns_cluster2_app2[\"app2\"]\n  end\n"),
        picture);
    assertTrue(!picture.contains("ns_cluster3"), picture);
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

  /** The ids of the nodes a flowchart declares (a line "  id[..." or "    id(..."), sorted. */
  private static List<String> nodeIds(String picture) {
    return picture.lines().map(String::strip).filter(l -> l.matches("[a-z0-9_]+[\\[(].*"))
        .map(l -> l.substring(0, l.indexOf(l.contains("[") && (l.indexOf('(') < 0 || l.indexOf('[') < l.indexOf('(')) ? '[' : '(')))
        .sorted().toList();
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static RenderedTree without(RenderedTree tree, String file) throws Exception {
    TreeMap<String, String> files = new TreeMap<>(tree.files());
    assertTrue(files.remove(file) != null, file);
    return RenderedTree.readBack(tree.environment(), files);
  }
}
