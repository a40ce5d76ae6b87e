package dev.meshgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet rules (issue 13) on the fixture fleet with one thing broken by hand, as a typo in a
 * template or a hand edit would break it: the exact finding, file and line.
 */
class FleetRulesTest {
  private static RenderedTree fleet;
  private static Environment env;

  @BeforeAll
  static void render() throws Exception {
    fleet = Pipeline.of(TestProject.sources()).check(List.of("fleet"), List.of()).trees().get(0);
    env = Environments.load(TestProject.sources().environments(), "fleet", List.of());
  }

  private static List<String> findings(RenderedTree tree) {
    return Validator.setupRules().validate(tree, env.clusters().mgmt().name(), env.gitops()).stream()
        .map(Diagnostic::toString).toList();
  }

  private static RenderedTree edit(RenderedTree tree, String file, String from, String to) throws Exception {
    String text = tree.files().get(file);
    assertTrue(text != null && text.indexOf(from) >= 0 && text.indexOf(from) == text.lastIndexOf(from),
        "'" + from + "' must occur once in " + file);
    TreeMap<String, String> files = new TreeMap<>(tree.files());
    files.put(file, text.replace(from, to));
    return RenderedTree.readBack(tree.environment(), files);
  }

  @Test
  void renderedFleet_hasNoFindings() {
    assertEquals(List.of(), findings(fleet));
  }

  @Test
  void egressVirtualDestination_backedByAClusterWithoutGateway_isAnError() throws Exception {
    var tree = edit(fleet, "overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml",
        "cluster: euw1-egress", "cluster: euw1-apps-a");
    assertEquals(List.of(
        "fleet/clusters/euw1-egress/istiooperator_gm-iop-1-16_istio-egress-euw1-egress-1-16.yaml:44:9: error: "
            + "spec.values.global.multiCluster.clusterName: the egress gateway installed on 'euw1-egress' backs no "
            + "VirtualDestination, so no traffic leaves through it; add the cluster to the egress VirtualDestination's "
            + "spec.services [egress-gateways-installed]",
        "fleet/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:29:5: error: spec.services[1].cluster: "
            + "cluster 'euw1-apps-a' installs no egress gateway (no IstioOperator here names it as its clusterName), so "
            + "the share of traffic Gloo sends there is lost; install one there or remove the cluster "
            + "[egress-gateways-installed]"),
        findings(tree).stream().filter(f -> f.endsWith("[egress-gateways-installed]")).toList());
  }

  @Test
  void egressCluster_whoseIstioOperatorNamesAnotherCluster_isAnError() throws Exception {
    String file = "clusters/euw1-egress/istiooperator_gm-iop-1-16_istio-egress-euw1-egress-1-16.yaml";
    var tree = edit(fleet, file, "clusterName: euw1-egress", "clusterName: use1-egress");
    assertTrue(findings(tree).contains("fleet/clusters/euw1-egress/kustomization.yaml:9:1: error: resources: egress "
        + "cluster 'euw1-egress' (it builds on overlays/local) must install exactly one egress gateway for itself: an "
        + "IstioOperator here whose clusterName is 'euw1-egress' (found ['use1-egress']) [egress-gateways-installed]"),
        String.join("\n", findings(tree)));
  }

  @Test
  void twoApplicationsOnOneCluster_andNoneOnAnother_areErrors() throws Exception {
    var tree = edit(fleet, "argocd/application_argocd_fleet-use1-apps-b.yaml",
        "path: fleet/clusters/use1-apps-b\n", "path: fleet/clusters/use1-apps-a\n");
    assertEquals(List.of(
        "fleet/argocd/application_argocd_fleet-use1-apps-b.yaml:5:3: error: metadata.name: is a second Argo CD "
            + "Application syncing clusters/use1-apps-a (also fleet/argocd/application_argocd_fleet-use1-apps-a.yaml); two "
            + "would fight over the cluster's objects and prune each other's [one-entry-point-per-cluster]",
        "fleet/clusters/use1-apps-b/kustomization.yaml:9:1: error: resources: no Argo CD Application syncs "
            + "clusters/use1-apps-b, so its cluster never gets it; every cluster needs exactly one entry point "
            + "[one-entry-point-per-cluster]"),
        findings(tree).stream().filter(f -> f.endsWith("[one-entry-point-per-cluster]")).toList());
  }

  @Test
  void clusterOverlay_listingAFolderThatIsNotThere_isAnError() throws Exception {
    var tree = edit(fleet, "clusters/use1-apps-a/kustomization.yaml", "- \"../../overlays/remote\"", "- \"../../overlays/remot\"");
    assertEquals(List.of("fleet/clusters/use1-apps-a/kustomization.yaml:10:3: error: resources[0]: '../../overlays/remot' "
            + "is neither a file nor a folder with a kustomization.yaml in this tree, so kustomize cannot build "
            + "clusters/use1-apps-a [kustomizations-resolve]"),
        findings(tree).stream().filter(f -> f.endsWith("[kustomizations-resolve]")).toList());
  }
}
