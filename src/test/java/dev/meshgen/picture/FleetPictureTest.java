package dev.meshgen.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet's traffic picture (issue 13): grouped by region, each region's gateways in a box naming
 * the clusters that run them, alike clusters and regions collapsed, bounded at fifty clusters.
 * Renders the test copy of the fleet environment (src/test/resources/picture/environments) and
 * fleets of fifty workload clusters written here.
 */
class FleetPictureTest {
  private static final String REGIONS = "us-east-1,eu-west-1,ap-south-1,us-west-2,sa-east-1";
  /** Where meshgen writes the OutlierDetectionPolicy it renders for a fleet with two egress clusters. */
  private static final String ODP_FILE = "overlays/mgmt/outlierdetectionpolicy_gloo-mesh_egress-gateway-failover.yaml";
  private static RenderedTree fleet;

  @TempDir
  Path dir;

  @BeforeAll
  static void render() throws Exception {
    fleet = render(sources(TestProject.root().resolve("src/test/resources/picture/environments")), "fleet");
  }

  @Test
  void mermaid_fleet_matchesApproved() {
    Approvals.verify(TrafficPath.mermaid(fleet));
  }

  @Test
  void mermaid_fleet_drawsOneSubgraphPerRegionWithItsEgressClusterAndWorkloadClusters() {
    String picture = TrafficPath.mermaid(fleet);

    String usEast = block(picture, "  subgraph r_us_east_1[\"region us-east-1\"]\n");
    assertTrue(usEast.startsWith("  subgraph r_us_east_1[\"region us-east-1\"]\n"
        + "    subgraph g_us_east_1[\"egress cluster use1-egress\"]\n"
        + "      gw_gloo_mesh_east_west_gw_region_us_east_1[\"<b>east-west gateway</b><br/>VirtualGateway gloo-mesh/east-west-gw\"]\n"
        + "      gw_gloo_mesh_egress_gw_region_us_east_1[\"<b>egress gateway</b><br/>VirtualGateway gloo-mesh/egress-gw"
        + "<br/>VirtualDestination gloo-mesh/egress-gateway\"]\n"
        + "    end\n"
        + "    subgraph c_use1_apps_a[\"cluster use1-apps-a\"]\n"), usEast);
    assertTrue(usEast.contains("    subgraph c_use1_apps_b[\"cluster use1-apps-b\"]\n      ns_use1_apps_b_billing[\"billing\"]\n"), usEast);
    assertFalse(usEast.contains("euw1"), usEast);
    assertTrue(picture.contains("  subgraph r_eu_west_1[\"region eu-west-1\"]\n"
        + "    subgraph g_eu_west_1[\"egress cluster euw1-egress\"]\n"), picture);
  }

  @Test
  void mermaid_fleet_sendsEachRegionThroughItsOwnGateways() {
    List<String> edges = TrafficPath.mermaid(fleet).lines().filter(l -> l.contains("-->")).toList();

    assertEquals(List.of(
        "  c_euw1_apps_a -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_eu_west_1",
        "  c_euw1_apps_b -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_eu_west_1",
        "  c_use1_apps_a -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_us_east_1",
        "  c_use1_apps_b -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_us_east_1",
        "  gw_gloo_mesh_east_west_gw_region_eu_west_1 -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_egress_gw_region_eu_west_1",
        "  gw_gloo_mesh_east_west_gw_region_us_east_1 -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_egress_gw_region_us_east_1",
        "  gw_gloo_mesh_egress_gw_region_eu_west_1 -->|\"TLS SIMPLE :443, verified\"| hosts",
        "  gw_gloo_mesh_egress_gw_region_us_east_1 -->|\"TLS SIMPLE :443, verified\"| hosts"), edges);
  }

  @Test
  void mermaid_fleetWithoutOutlierDetection_saysTheDestinationPicksAtRandomAndNothingOfFailover() throws Exception {
    assertTrue(fleet.files().containsKey(ODP_FILE), "meshgen renders the policy for two egress clusters");
    TreeMap<String, String> files = new TreeMap<>(fleet.files());
    files.remove(ODP_FILE);
    String picture = TrafficPath.mermaid(RenderedTree.readBack(fleet.environment(), files));

    assertTrue(picture.contains("  backed[\"<b>VirtualDestination gloo-mesh/egress-gateway</b><br/>backed by 2 clusters in 2 regions"
        + "<br/>region eu-west-1: euw1-egress<br/>region us-east-1: use1-egress"
        + "<br/>no OutlierDetectionPolicy: Gloo picks one of them at random, in any region\"]:::note\n"), picture);
    assertFalse(picture.contains("fails over"), picture);
  }

  @Test
  void mermaid_outlierDetectionPolicyOnTheDestination_saysItPrefersTheRegionAndFailsOver() throws Exception {
    String picture = TrafficPath.mermaid(fleet); // as rendered: meshgen's own policy on the egress VirtualDestination

    assertTrue(picture.contains("<br/>region us-east-1: use1-egress<br/>prefers the sender's own region; fails over to another region's"
        + "<br/>when they fail (OutlierDetectionPolicy gloo-mesh/egress-gateway-failover)\"]:::note\n"), picture);
  }

  @Test
  void mermaid_outlierDetectionPolicyOnAnotherDestination_saysNothingOfFailover() throws Exception {
    RenderedTree otherName = with(fleet, ODP_FILE, outlierDetection("VIRTUAL_DESTINATION", "payments-api-external"));
    RenderedTree services = with(fleet, ODP_FILE, outlierDetection("SERVICE", "egress-gateway"));

    assertFalse(TrafficPath.mermaid(otherName).contains("fails over"));
    assertFalse(TrafficPath.mermaid(services).contains("fails over"));
    assertTrue(TrafficPath.mermaid(services).contains("no OutlierDetectionPolicy: Gloo picks one of them at random"));
  }

  @Test
  void readme_fleet_namesEachClustersEntryPointsAndJobs() {
    String readme = TrafficPath.readme(fleet);

    assertTrue(readme.endsWith("\nEntry points: `clusters/<name>/flux/` (Flux), `argocd/` (Argo CD); proof of function: "
        + "`clusters/<name>/verify/`\n(when enabled). See meshgen's README, \"Syncing with Flux or Argo CD\" and \"Proof of function\".\n"),
        readme);
    assertTrue(readme.contains("| use1-apps-b/billing | VirtualGateway gloo-mesh/east-west-gw, region us-east-1 | payments-api.external | 8080 |"),
        readme);
  }

  @Test
  void mermaid_fleetReadBack_sameBytes() throws Exception {
    assertEquals(TrafficPath.mermaid(fleet), TrafficPath.mermaid(RenderedTree.readBack("fleet", new TreeMap<>(fleet.files()))));
  }

  @Test
  void mermaid_fiftyClustersInFiveLikeRegions_isOneRegionColumnNamingThemAll() throws Exception {
    RenderedTree tree = render(fiftyClusters(false), "big");

    String picture = TrafficPath.mermaid(tree);

    assertEquals(List.of(
        "  subgraph r_ap_south_1[\"5 regions alike: ap-south-1, eu-west-1, sa-east-1, us-east-1, us-west-2\"]",
        "    subgraph g_ap_south_1[\"10 egress clusters: ap-south-1-egress-1, ap-south-1-egress-2 and 8 more\"]",
        "    subgraph c_ap_south_1_apps_1[\"40 clusters alike: ap-south-1-apps-1, ap-south-1-apps-2 and 38 more\"]"), subgraphs(picture));
    assertTrue(picture.contains("<br/>backed by 10 clusters in 5 regions<br/>region ap-south-1: ap-south-1-egress-1, ap-south-1-egress-2<br/>"),
        picture);
    // One egress gateway is drawn, so the hosts need no box of their own.
    assertTrue(picture.contains("  gw_gloo_mesh_egress_gw_region_ap_south_1 -->|\"TLS SIMPLE :443, verified\"| host_a_example_com\n"), picture);
    assertTrue(picture.lines().count() < 40, picture);
  }

  @Test
  void mermaid_fiftyClustersNoneAlike_drawsThreeRegionsOfAtMostTwoWorkloadBoxes() throws Exception {
    RenderedTree tree = render(fiftyClusters(true), "big");

    String picture = TrafficPath.mermaid(tree);

    List<String> subgraphs = subgraphs(picture);
    assertEquals(List.of(
        "  subgraph r_ap_south_1[\"region ap-south-1\"]",
        "    subgraph g_ap_south_1[\"2 egress clusters: ap-south-1-egress-1, ap-south-1-egress-2\"]",
        "    subgraph c_ap_south_1_apps_1[\"cluster ap-south-1-apps-1\"]",
        "    subgraph c_ap_south_1_apps_2[\"7 other clusters: ap-south-1-apps-2, ap-south-1-apps-3 and 5 more\"]",
        "  subgraph r_eu_west_1[\"region eu-west-1\"]",
        "    subgraph g_eu_west_1[\"2 egress clusters: eu-west-1-egress-1, eu-west-1-egress-2\"]",
        "    subgraph c_eu_west_1_apps_1[\"cluster eu-west-1-apps-1\"]",
        "    subgraph c_eu_west_1_apps_2[\"7 other clusters: eu-west-1-apps-2, eu-west-1-apps-3 and 5 more\"]",
        "  subgraph r_sa_east_1[\"3 other regions: sa-east-1, us-east-1, us-west-2\"]",
        "    subgraph g_sa_east_1[\"6 egress clusters: sa-east-1-egress-1, sa-east-1-egress-2 and 4 more\"]",
        "    subgraph c_sa_east_1_apps_1[\"24 other clusters: sa-east-1-apps-1, sa-east-1-apps-2 and 22 more\"]",
        "  subgraph hosts[\"external hosts\"]"), subgraphs);
    // At most six namespaces a box: shop, four teams, and a node counting the other three; one edge leaves the box.
    String other = block(picture, "    subgraph c_ap_south_1_apps_2[");
    for (int i = 2; i <= 5; i++) {
      assertTrue(other.contains("[\"team-ap-south-1-apps-" + i + "\"]\n"), other);
    }
    assertTrue(other.contains("[\"and 3 more namespaces\"]\n"), other);
    assertEquals(1, occurrences(other, "[\"shop\"]"), other);
    assertEquals(6 + 2, other.lines().count(), other);
    assertTrue(picture.contains("[\"and 20 more namespaces\"]\n"), picture);
    assertTrue(picture.contains("\n  c_ap_south_1_apps_2 -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_ap_south_1\n"), picture);
    assertTrue(picture.contains("\n  c_sa_east_1_apps_1 -->|\"mTLS ISTIO_MUTUAL\"| gw_gloo_mesh_east_west_gw_region_sa_east_1\n"), picture);
    // A region's workload boxes stack, so a region is one box wide.
    assertTrue(picture.contains("\n  c_ap_south_1_apps_1 ~~~ c_ap_south_1_apps_2\n  c_eu_west_1_apps_1 ~~~ c_eu_west_1_apps_2\n"), picture);
    assertTrue(picture.lines().count() < 150, "" + picture.lines().count());
  }

  /**
   * A fleet of fifty workload clusters: five regions, each with two egress and eight remote
   * clusters, two external services; every remote cluster runs namespace {@code shop}, or, when
   * {@code apart}, a namespace of its own too.
   */
  private Sources fiftyClusters(boolean apart) throws Exception {
    Path environments = Files.createDirectories(dir.resolve("environments"));
    Files.copy(TestProject.root().resolve("src/test/resources/picture/environments/_defaults.yaml"), environments.resolve("_defaults.yaml"));
    StringBuilder y = new StringBuilder("clusters:\n  mgmt:\n    name: mgmt\n    argocdName: in-cluster\n  workload:\n");
    StringBuilder teams = new StringBuilder();
    for (String region : REGIONS.split(",")) {
      for (int i = 1; i <= 2; i++) {
        y.append("    - name: ").append(region).append("-egress-").append(i).append("\n      role: local\n      region: ").append(region).append('\n');
      }
      for (int i = 1; i <= 8; i++) {
        String name = region + "-apps-" + i;
        y.append("    - name: ").append(name).append("\n      role: remote\n      region: ").append(region).append('\n');
        if (apart) {
          teams.append("    - name: team-").append(name).append("\n      configNamespace: team-").append(name).append("-config\n")
              .append("      clusters: [").append(name).append("]\n      namespaces: [team-").append(name).append("]\n");
        }
      }
    }
    y.append("gitops:\n  repoUrl: https://git.example.com/platform/big.git\n")
        .append("istio:\n  revision: 1-16\n  tag: 1.16.7-solo\n  operatorNamespace: gm-iop-1-16\n")
        .append("gateways:\n  egress:\n    ports:\n")
        .append("      - {name: tls, number: 15443, targetPort: 15443}\n")
        .append("      - {name: http-a, number: 8080, targetPort: 18080, protocol: HTTP}\n")
        .append("      - {name: http-b, number: 8081, targetPort: 18081, protocol: HTTP}\n")
        .append("workspaces:\n  ops:\n    name: platform\n    configNamespace: platform-config\n  apps:\n")
        .append("    - name: shop\n      configNamespace: shop-config\n      cluster: remote\n      namespaces: [shop]\n")
        .append(teams)
        .append("externalServices:\n");
    for (String s : List.of("a", "b")) {
      y.append("  - name: svc-").append(s).append("\n    host: ").append(s).append(".example.com\n    workspace: shop\n")
          .append("    gatewayPort: http-").append(s).append('\n')
          .append("    ports:\n      - {name: https, number: 443, protocol: HTTPS}\n")
          .append("    tlsOrigination: {port: 443, mode: SIMPLE}\n");
    }
    Files.writeString(environments.resolve("big.yaml"), y.toString());
    return sources(environments);
  }

  private static Sources sources(Path environments) {
    return new Sources(environments, TestProject.root().resolve("templates"), TestProject.root().resolve("overlays"));
  }

  private static RenderedTree render(Sources sources, String environment) throws Exception {
    return Pipeline.of(sources).render(List.of(environment), List.of()).get(0);
  }

  private static String outlierDetection(String kind, String name) {
    return "apiVersion: resilience.policy.gloo.solo.io/v2\nkind: OutlierDetectionPolicy\nmetadata:\n  name: egress-gateway\n"
        + "  namespace: gloo-mesh\nspec:\n  applyToDestinations:\n  - kind: " + kind + "\n    selector:\n      cluster: mgmt\n"
        + "      name: " + name + "\n      namespace: gloo-mesh\n  config:\n    consecutiveErrors: 5\n";
  }

  private static RenderedTree with(RenderedTree tree, String file, String text) throws Exception {
    TreeMap<String, String> files = new TreeMap<>(tree.files());
    files.put(file, text);
    return RenderedTree.readBack(tree.environment(), files);
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /** The subgraph lines of a picture, in order. */
  private static List<String> subgraphs(String picture) {
    return picture.lines().filter(l -> l.strip().startsWith("subgraph ")).toList();
  }

  /** The lines of {@code picture} from the one starting with {@code start} to its matching "end". */
  private static String block(String picture, String start) {
    int from = picture.indexOf(start);
    assertTrue(from >= 0, start + " in\n" + picture);
    Matcher m = Pattern.compile("^( *)").matcher(picture.substring(from));
    m.find();
    String end = "\n" + m.group(1) + "end\n";
    return picture.substring(from, picture.indexOf(end, from) + end.length());
  }
}
