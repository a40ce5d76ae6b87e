package dev.meshgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The traffic-path rules of issue 10, each on a rendered fixture environment with one thing
 * broken by hand, as a template typo or a patch would break it: the exact finding, file and line.
 */
class TrafficRulesTest {
  private static final String MGMT = "overlays/mgmt/";
  private static final String ORIGINATION = "overlays/local/destinationrule_istio-egress_httpbin.org.yaml";
  private static RenderedTree example;
  private static RenderedTree partners;

  @BeforeAll
  static void render() throws Exception {
    Pipeline p = Pipeline.of(TestProject.sources());
    var trees = p.check(List.of("example", "partners"), List.of()).trees();
    example = trees.get(0);
    partners = trees.get(1);
  }

  /** Findings of the traffic rules only, so each test shows what its rule says. */
  private static List<String> findings(RenderedTree tree, String rule) {
    String mgmt = tree.environment().equals("example") ? "mgmt" : "mgmt-partners";
    return Validator.setupRules().validate(tree, mgmt).stream()
        .filter(d -> d.toString().endsWith("[" + rule + "]"))
        .map(Diagnostic::toString).toList();
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

  @Test
  void rendered_fixtureEnvironments_breakNoTrafficRule() {
    for (String rule : List.of("http-route-port", "egress-host-rewrite", "tls-origination-verifies",
        "gateway-selectors-match", "east-west-tls-termination-port", "exports-least-privilege")) {
      assertEquals(List.of(), findings(example, rule), rule);
      assertEquals(List.of(), findings(partners, rule), rule);
    }
    assertEquals(List.of(), findings(partners, "unused-gateway-port"));
  }

  @Test
  void httpRoutePort_meshHostWithoutHttpPort_isAnError() throws Exception {
    var tree = edit(partners, MGMT + "virtualdestination_checkout-config_ledger-partners-internal.yaml",
        "- number: 8000\n    protocol: HTTP\n", "- number: 8000\n    protocol: HTTPS\n");
    assertEquals(List.of("partners/overlays/mgmt/routetable_checkout-config_ledger-route-mesh.yaml:9:5: error: "
        + "spec.hosts[0]: host ledger.partners.internal has no HTTP port on VirtualDestination "
        + "checkout-config/ledger-partners-internal (ports: 8000 HTTPS, 8443 HTTPS), so these http routes apply nowhere "
        + "and apps cannot call http://ledger.partners.internal; give the host an HTTP port "
        + "(externalServices[].meshPort, default 80) [http-route-port]"), findings(tree, "http-route-port"));
  }

  @Test
  void egressHostRewrite_missing_isAnError() throws Exception {
    var tree = edit(example, MGMT + "routetable_app1-configs_httpbin-route-gateway.yaml", "      hostRewrite: httpbin.org\n", "");
    assertEquals(List.of("example/overlays/mgmt/routetable_app1-configs_httpbin-route-gateway.yaml:12:5: error: "
        + "spec.http[0].forwardTo: forwards to ExternalService app1-configs/httpbin-external-service without hostRewrite, "
        + "so it receives the mesh host as Host and virtual-hosted APIs answer 4xx; set hostRewrite: httpbin.org "
        + "[egress-host-rewrite]"), findings(tree, "egress-host-rewrite"));
  }

  @Test
  void egressHostRewrite_toAnotherHost_isAnError() throws Exception {
    var tree = edit(example, MGMT + "routetable_app1-configs_httpbin-route-gateway.yaml",
        "hostRewrite: httpbin.org", "hostRewrite: httpbin.external");
    assertEquals(List.of("example/overlays/mgmt/routetable_app1-configs_httpbin-route-gateway.yaml:21:7: error: "
        + "spec.http[0].forwardTo.hostRewrite: rewrites Host to httpbin.external, which is not a host of ExternalService "
        + "app1-configs/httpbin-external-service (httpbin.org) [egress-host-rewrite]"), findings(tree, "egress-host-rewrite"));
  }

  @Test
  void tlsOriginationVerifies_noCaCertificates_isAnError() throws Exception {
    var tree = edit(example, ORIGINATION, "        caCertificates: /etc/ssl/certs/ca-certificates.crt\n", "");
    assertEquals(List.of("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:15:7: error: "
        + "spec.trafficPolicy.portLevelSettings[0].tls: originates TLS to httpbin.org without verifying it: Istio 1.16 "
        + "checks the server certificate only with caCertificates or credentialName; set one (meshgen renders the proxy "
        + "image's CA bundle, or tlsOrigination.credentialName for a private CA) [tls-origination-verifies]"),
        findings(tree, "tls-origination-verifies"));
  }

  @Test
  void tlsOriginationVerifies_noSni_isAnError() throws Exception {
    var tree = edit(example, ORIGINATION, "        sni: httpbin.org\n", "");
    assertEquals(List.of("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:15:7: error: "
        + "spec.trafficPolicy.portLevelSettings[0].tls: originates TLS to httpbin.org without sni: Istio 1.16 sends no "
        + "SNI by default, so SNI-routed servers fail; set sni: httpbin.org [tls-origination-verifies]"),
        findings(tree, "tls-origination-verifies"));
  }

  @Test
  void tlsOriginationVerifies_meshWide_isAnError() throws Exception {
    var tree = edit(example, ORIGINATION, "  exportTo:\n  - \".\"\n", "");
    assertEquals(List.of("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:7:1: error: "
        + "spec: the TLS origination rule for httpbin.org applies beyond its own namespace (mesh-wide without exportTo), "
        + "so sidecars originate TLS too; set exportTo: ['.'] in the egress gateway's namespace [tls-origination-verifies]"),
        findings(tree, "tls-origination-verifies"));
  }

  @Test
  void tlsOriginationVerifies_verifyFalse_isAWarning() throws Exception {
    var tree = Pipeline.of(TestProject.sources())
        .check(List.of("example"), List.of("externalServices[0].tlsOrigination.verify=false")).trees().get(0);
    assertTrue(tree.files().get(ORIGINATION).contains("        insecureSkipVerify: true\n"), tree.files().get(ORIGINATION));
    assertEquals(List.of("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:18:9: warning: "
        + "spec.trafficPolicy.portLevelSettings[0].tls.insecureSkipVerify: the egress gateway does not verify httpbin.org "
        + "(tlsOrigination.verify: false): a man in the middle goes unnoticed; verify against the proxy's CA bundle or a "
        + "private CA (tlsOrigination.credentialName) [tls-origination-verifies]"), findings(tree, "tls-origination-verifies"));
  }

  @Test
  void gatewaySelectors_labelTheGatewayLacks_isAnError() throws Exception {
    var tree = edit(partners, MGMT + "virtualgateway_gloo-mesh_egress-gw.yaml", "istio: partners-egress", "istio: partner-egress");
    assertEquals(List.of("partners/overlays/mgmt/virtualgateway_gloo-mesh_egress-gw.yaml:25:7: error: "
        + "spec.workloads[0].selector.labels: selects no gateway: labels {app.kubernetes.io/part-of=partners, "
        + "istio=partner-egress} are on neither the gateways meshgen installs nor those the platform does (egress gateway "
        + "partners-egress-1-16-7 (IstioOperator egress-partners-edge-partners-1-16-7) {app=istio-egressgateway, "
        + "app.kubernetes.io/part-of=partners, istio=partners-egress}; east-west gateway (gateways.eastWest.labels) "
        + "{istio=eastwestgateway}); set gateways.egress.labels or gateways.eastWest.labels to the labels the gateway has "
        + "[gateway-selectors-match]"), findings(tree, "gateway-selectors-match"));
  }

  @Test
  void gatewaySelectors_operatorWithoutTheLabels_isAnErrorOnEverySelector() throws Exception {
    String iop = "overlays/local/istiooperator_gm-iop-partners_egress-partners-edge-partners-1-16-7.yaml";
    var tree = edit(partners, iop, "      label:\n        app.kubernetes.io/part-of: partners\n        istio: partners-egress\n", "");
    List<String> found = findings(tree, "gateway-selectors-match");
    assertEquals(2, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("partners/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:"
        + "23:5: error: spec.services[0].labels: selects no gateway"), found.get(0));
    assertTrue(found.get(1).startsWith("partners/overlays/mgmt/virtualgateway_gloo-mesh_egress-gw.yaml:25:7: error: "
        + "spec.workloads[0].selector.labels: selects no gateway"), found.get(1));
  }

  @Test
  void eastWestPort_settingsWithoutTheTerminationPort_isAnError() throws Exception {
    var tree = edit(partners, MGMT + "workspacesettings_insights-config_insights.yaml",
        "      tlsTerminationPort:\n        number: 8443\n", "      tlsTerminationPort:\n        number: 443\n");
    assertEquals(List.of("partners/overlays/mgmt/workspacesettings_insights-config_insights.yaml:24:3: error: "
        + "spec.options: the east-west gateway east-west-gw terminates TLS on port 8443, but Gloo looks for the Service "
        + "port named https unless options.eastWestGateways[].tlsTerminationPort names it; add {tlsTerminationPort: "
        + "{number: 8443}} (meshgen renders it from gateways.eastWest.tlsTerminationPort) [east-west-tls-termination-port]"),
        findings(tree, "east-west-tls-termination-port"));
  }

  @Test
  void exportsLeastPrivilege_exportToANonConsumer_isAWarning() throws Exception {
    var tree = edit(partners, MGMT + "workspacesettings_checkout-config_checkout.yaml",
        "      name: pay-partners-internal\n", "      name: ledger-partners-internal\n");
    assertTrue(findings(tree, "exports-least-privilege").contains("partners/overlays/mgmt/workspacesettings_checkout-config_"
        + "checkout.yaml:22:7: warning: spec.exportTo[0].resources[1]: exports VirtualDestination "
        + "checkout-config/ledger-partners-internal to workspace insights, which nothing of insights uses; export only to "
        + "the consumers (externalServices[].consumers) [exports-least-privilege]"), findings(tree, "exports-least-privilege").toString());
  }

  @Test
  void unusedGatewayPort_portNoRouteUses_isAWarning() throws Exception {
    var tree = edit(edit(partners, MGMT + "routetable_checkout-config_ledger-route-mesh.yaml", "number: 8081", "number: 8080"),
        MGMT + "routetable_checkout-config_ledger-egress-to-egress.yaml", "number: 8081", "number: 8080");
    assertEquals(List.of("partners/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:17:5: warning: "
        + "spec.ports[1]: no route table forwards to port 8081 of gloo-mesh/egress-gateway, so no external service uses "
        + "it, yet it stays open on the egress gateway (IstioOperator, VirtualDestination, VirtualGateway); remove it "
        + "from gateways.egress.ports [unused-gateway-port]"), findings(tree, "unused-gateway-port"));
  }

  @Test
  void unusedGatewayPort_theReferencesHttpsPort_isAWarning() {
    assertEquals(List.of("example/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:17:5: warning: "
        + "spec.ports[1]: no route table forwards to port 443 of gloo-mesh/egress-gateway, so no external service uses "
        + "it, yet it stays open on the egress gateway (IstioOperator, VirtualDestination, VirtualGateway); remove it "
        + "from gateways.egress.ports [unused-gateway-port]"), findings(example, "unused-gateway-port"));
  }

  @Test
  void gatewaySelectors_platformLabelsComeFromTheEnvironment() throws Exception {
    // The east-west selector is checked against what the caller says the platform installs.
    var found = Validator.setupRules().validate(partners, "mgmt-partners", List.of(Map.of("istio", "eastwest")))
        .stream().map(Diagnostic::toString).filter(d -> d.endsWith("[gateway-selectors-match]")).toList();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("partners/overlays/mgmt/virtualgateway_gloo-mesh_east-west-gw.yaml:"), found.get(0));
  }
}
