package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture's third environment, {@code partners} (issue 10), renders and validates clean, and
 * its rendered manifests carry each point it exercises: HTTPS-only services with an HTTP mesh
 * port, custom egress gateway labels, a private-CA service, consumers limited to one workspace,
 * east-west TLS termination on 8443 and a gitops block with path, branch and an SSH URL.
 */
class PartnersEnvironmentTest {
  private static RenderedTree tree;
  private static Pipeline.Report report;

  @BeforeAll
  static void render() throws Exception {
    report = Pipeline.of(TestProject.sources()).check(List.of("partners"), List.of());
    tree = report.trees().get(0);
  }

  private static YamlNode doc(String path) {
    return tree.manifests().stream().filter(m -> m.path().equals(path)).map(Manifest::root).findFirst()
        .orElseThrow(() -> new AssertionError("not rendered: " + path));
  }

  private static List<String> texts(YamlNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(field.isEmpty() ? n.asText() : n.path(field).asText()));
    return out;
  }

  @Test
  void partners_validatesWithoutFindings() {
    assertEquals(List.of(), report.findings());
  }

  @Test
  void httpsOnlyServices_getTheHttpPortAppsCall() {
    YamlNode pay = doc("overlays/mgmt/virtualdestination_checkout-config_pay-partners-internal.yaml").path("spec").path("ports");
    assertEquals("80", pay.get(0).path("number").asText());
    assertEquals("HTTP", pay.get(0).path("protocol").asText());
    assertEquals("443", pay.get(0).path("targetPort").path("number").asText());
    YamlNode ledger = doc("overlays/mgmt/virtualdestination_checkout-config_ledger-partners-internal.yaml").path("spec").path("ports");
    assertEquals("8000", ledger.get(0).path("number").asText(), "meshPort");
    assertEquals("HTTP", ledger.get(0).path("protocol").asText());
  }

  @Test
  void egressRoute_rewritesHostToThePartner() {
    YamlNode forward = doc("overlays/mgmt/routetable_checkout-config_ledger-route-gateway.yaml")
        .path("spec").path("http").get(0).path("forwardTo");
    assertEquals("ledger.bank.example", forward.path("hostRewrite").asText());
  }

  @Test
  void tlsOrigination_namesAndVerifiesEachPartner() {
    YamlNode pay = doc("overlays/local/destinationrule_egress-partners_api.pay.partner.example.yaml").path("spec");
    YamlNode tls = pay.path("trafficPolicy").path("portLevelSettings").get(0).path("tls");
    assertEquals("api.pay.partner.example", tls.path("sni").asText());
    assertEquals("/etc/ssl/certs/ca-certificates.crt", tls.path("caCertificates").asText());
    assertEquals(List.of("api.pay.partner.example"), texts(tls.path("subjectAltNames"), ""));
    assertEquals(List.of("."), texts(pay.path("exportTo"), ""));

    YamlNode ledger = doc("overlays/local/destinationrule_egress-partners_ledger.bank.example.yaml").path("spec")
        .path("trafficPolicy").path("portLevelSettings").get(0).path("tls");
    assertEquals("ledger.bank.example", ledger.path("sni").asText());
    assertEquals("partner-ledger-ca", ledger.path("credentialName").asText(), "private CA by Secret name");
    assertFalse(ledger.has("caCertificates"));
    assertTrue(tree.manifests().stream().noneMatch(m -> m.kind().equals("Secret")), "the CA Secret is never rendered");
  }

  @Test
  void customGatewayLabels_areSetByTheOperatorAndSelected() {
    YamlNode gateway = doc("overlays/local/istiooperator_gm-iop-partners_egress-partners-edge-partners-1-16-7.yaml")
        .path("spec").path("components").path("egressGateways").get(0);
    assertEquals("partners-egress", gateway.path("label").path("istio").asText());
    assertEquals("partners", gateway.path("label").path("app.kubernetes.io/part-of").asText());
    YamlNode selector = doc("overlays/mgmt/virtualgateway_gloo-mesh_egress-gw.yaml").path("spec").path("workloads").get(0)
        .path("selector").path("labels");
    assertEquals("partners-egress", selector.path("istio").asText());
    assertEquals("partners", selector.path("app.kubernetes.io/part-of").asText());
  }

  @Test
  void consumers_limitTheLedgerToCheckout() {
    YamlNode selectors = doc("overlays/mgmt/routetable_checkout-config_ledger-route-mesh.yaml").path("spec").path("workloadSelectors");
    List<String> namespaces = new ArrayList<>();
    selectors.forEach(w -> namespaces.add(w.path("selector").path("namespace").asText()));
    assertEquals(List.of("checkout-web", "checkout-worker"), namespaces);
    // insights (remote) may call pay only: its own SNI rules carry pay's port, not ledger's.
    YamlNode sni = doc("overlays/remote/destinationrule_insights_partners-egress-1-16-7-vd.yaml")
        .path("spec").path("trafficPolicy").path("portLevelSettings");
    List<String> hosts = new ArrayList<>();
    sni.forEach(x -> hosts.add(x.path("tls").path("sni").asText()));
    assertEquals(List.of("pay.partners.internal"), hosts);
    assertFalse(tree.files().containsKey("overlays/remote/egress-sni/insights/kustomization.yaml"),
        "insights does not get the all-services rules");
    // checkout exports the ledger to nobody; insights imports only pay's route and host.
    String checkout = tree.files().get("overlays/mgmt/workspacesettings_checkout-config_checkout.yaml");
    assertFalse(checkout.contains("name: ledger-route-mesh"), checkout);
    assertFalse(checkout.contains("name: ledger-partners-internal"), checkout);
  }

  @Test
  void eastWest_terminatesOn8443InEveryWorkspacesSettings() {
    for (String file : List.of("checkout-config_checkout", "insights-config_insights", "partners-ops-config_partners-ops")) {
      YamlNode gateways = doc("overlays/mgmt/workspacesettings_" + file + ".yaml").path("spec").path("options").path("eastWestGateways");
      assertEquals(1, gateways.size(), file);
      assertEquals("8443", gateways.get(0).path("tlsTerminationPort").path("number").asText(), file);
      assertEquals("eastwestgateway", gateways.get(0).path("selector").path("labels").path("istio").asText(), file);
    }
    YamlNode listener = doc("overlays/mgmt/virtualgateway_gloo-mesh_east-west-gw.yaml").path("spec").path("listeners").get(0);
    assertEquals("8443", listener.path("port").path("number").asText());
  }

  @Test
  void gitops_pointsAtTheBranchFolderAndSshUrl() {
    YamlNode source = tree.manifests().stream()
        .filter(m -> m.path().startsWith("flux/mgmt/") && m.kind().equals("GitRepository")).map(Manifest::root)
        .findFirst().orElseThrow().path("spec");
    // Written in the scp-like form; Flux gets it as ssh:// with the deploy key's Secret.
    assertEquals("ssh://git@git.example.com/platform/partners-gitops.git", source.path("url").asText());
    assertEquals("partners-deploy-key", source.path("secretRef").path("name").asText());
    assertEquals("release/partners", source.path("ref").path("branch").asText());
    YamlNode app = doc("argocd/application_argocd_partners-local.yaml").path("spec").path("source");
    assertEquals("fleet/partners/partners/overlays/local", app.path("path").asText());
    assertEquals("release/partners", app.path("targetRevision").asText());
    assertEquals("git@git.example.com:platform/partners-gitops.git", app.path("repoURL").asText());
  }
}
