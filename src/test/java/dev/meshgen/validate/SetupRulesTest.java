package dev.meshgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the setup on the rendered example with one thing broken by hand, as a typo in a
 * template or a hand edit would break it: the exact finding, file and line.
 */
class SetupRulesTest {
  private static final String MGMT = "overlays/mgmt/";
  private static RenderedTree example;
  private static RenderedTree multi;

  @BeforeAll
  static void render() throws Exception {
    Pipeline p = Pipeline.of(TestProject.sources());
    example = p.check(List.of("example"), List.of()).trees().get(0);
    multi = p.check(List.of("multi-region"), List.of()).trees().get(0);
  }

  private static List<String> findings(RenderedTree tree) {
    return Validator.setupRules().validate(tree, tree.environment().equals("example") ? "mgmt" : "mgmt-euw1")
        .stream().map(Diagnostic::toString).toList();
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

  private static final String EW_WARNING = "example/overlays/mgmt/virtualgateway_gloo-mesh_east-west-gw.yaml:26:9: warning: "
      + "spec.listeners[1].allowedRouteTables[0].selector.workspace: no workspace is named 'all', so this selector selects "
      + "nothing ('workspace' takes a name, there is no wildcard); name a workspace or leave it out to mean every "
      + "workspace available [selector-workspace-exists]";

  /** The reference's egress gateway port 443, which no route uses (issue 10: unused ports are warned about). */
  private static final String PORT_WARNING = "example/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:17:5: "
      + "warning: spec.ports[1]: no route table forwards to port 443 of gloo-mesh/egress-gateway, so no external service "
      + "uses it, yet it stays open on the egress gateway (IstioOperator, VirtualDestination, VirtualGateway); remove it "
      + "from gateways.egress.ports [unused-gateway-port]";

  @Test
  void fixtureEnvironments_haveNoErrors() throws Exception {
    assertEquals(List.of(PORT_WARNING, EW_WARNING), findings(example));
    assertEquals(List.of(), findings(multi));
  }

  @Test
  void referencesResolve_destinationTypo_isAnError() throws Exception {
    var tree = edit(example, MGMT + "routetable_app1-configs_httpbin-route-gateway.yaml",
        "name: httpbin-external-service", "name: httpbin-external-svc");
    assertEquals(List.of("example/overlays/mgmt/routetable_app1-configs_httpbin-route-gateway.yaml:17:9: error: "
        + "spec.http[0].forwardTo.destinations[0].ref: ExternalService app1-configs/httpbin-external-svc does not exist; "
        + "known: app1-configs/httpbin-external-service. Point the destination at one of them [references-resolve]",
        PORT_WARNING, EW_WARNING, "example/overlays/mgmt/workspacesettings_app1-configs_app1.yaml:28:7: warning: "
        + "spec.exportTo[1].resources[0]: exports ExternalService app1-configs/httpbin-external-service to workspace ops, "
        + "which nothing of ops uses; export only to the consumers (externalServices[].consumers) [exports-least-privilege]"),
        findings(tree));
  }

  @Test
  void referencesResolve_destinationPortMissing_isAnError() throws Exception {
    var tree = edit(example, MGMT + "routetable_app1-configs_httpbin-route-mesh.yaml", "number: 80", "number: 8080");
    assertTrue(findings(tree).contains("example/overlays/mgmt/routetable_app1-configs_httpbin-route-mesh.yaml:16:11: error: "
        + "spec.http[0].forwardTo.destinations[0].port.number: VirtualDestination gloo-mesh/egress-gateway has no port 8080; "
        + "its ports: 80, 443 [references-resolve]"), findings(tree).toString());
  }

  @Test
  void referencesResolve_externalServiceSelectsNoEndpoint_isAnError() throws Exception {
    var tree = edit(example, MGMT + "externalservice_app1-configs_httpbin-external-service.yaml",
        "    endpoint: httpbin", "    endpoint: httpbinn");
    assertTrue(findings(tree).contains("example/overlays/mgmt/externalservice_app1-configs_httpbin-external-service.yaml:"
        + "19:3: error: spec.selector: selects no ExternalEndpoint (by metadata.labels {\"endpoint\":\"httpbinn\"}); "
        + "label the ExternalEndpoint or fix the selector [references-resolve]"), findings(tree).toString());
  }

  @Test
  void referencesResolve_virtualDestinationSelectsNoService_isAnError() throws Exception {
    var tree = edit(example, MGMT + "virtualdestination_app1-configs_httpbin-external.yaml",
        "      service: httpbin", "      service: http-bin");
    assertTrue(findings(tree).contains("example/overlays/mgmt/virtualdestination_app1-configs_httpbin-external.yaml:11:5: "
        + "error: spec.externalServices[0]: selects no ExternalService (by metadata.labels {\"service\":\"http-bin\"}); "
        + "label the ExternalService or fix the selector [references-resolve]"), findings(tree).toString());
  }

  @Test
  void referencesResolve_missingVirtualGateway_isAnError() throws Exception {
    var tree = edit(example, MGMT + "routetable_app1-configs_egress-to-egress.yaml", "name: east-west-gw", "name: eastwest-gw");
    assertTrue(findings(tree).contains("example/overlays/mgmt/routetable_app1-configs_egress-to-egress.yaml:22:5: error: "
        + "spec.virtualGateways[0]: VirtualGateway gloo-mesh/eastwest-gw does not exist; known: gloo-mesh/east-west-gw, "
        + "gloo-mesh/egress-gw [references-resolve]"), findings(tree).toString());
  }

  @Test
  void clientMode_notTlsTermination_isAnError() throws Exception {
    var tree = edit(example, MGMT + "virtualdestination_gloo-mesh_egress-gateway.yaml", "tlsTermination: {}", "auto: {}");
    assertEquals(List.of("example/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:8:3: error: "
        + "spec.clientMode: must be {tlsTermination: {}}: the path through the east-west gateway terminates mTLS there, "
        + "and an inherited or other client mode breaks it [client-mode-tls-termination]", PORT_WARNING, EW_WARNING), findings(tree));
  }

  @Test
  void eastWest_withoutTlsTerminationListener_isAnError() throws Exception {
    var tree = edit(example, MGMT + "virtualgateway_gloo-mesh_east-west-gw.yaml", "appProtocol: HTTPS", "appProtocol: HTTP");
    assertTrue(findings(tree).contains("example/overlays/mgmt/virtualgateway_gloo-mesh_east-west-gw.yaml:8:3: error: "
        + "spec.listeners: the east-west gateway needs a listener with appProtocol HTTPS and tls.mode ISTIO_MUTUAL "
        + "(the setup's additional port 443) for tlsTermination [east-west-tls-termination-listener]"), findings(tree).toString());
  }

  @Test
  void targetPorts_unknownName_isAnError() throws Exception {
    var tree = edit(example, MGMT + "virtualdestination_gloo-mesh_egress-gateway.yaml", "name: https", "name: htps");
    assertTrue(findings(tree).contains("example/overlays/mgmt/virtualdestination_gloo-mesh_egress-gateway.yaml:20:7: error: "
        + "spec.ports[1].targetPort.name: the egress gateway Service has no port named 'htps'; its ports: http, https, tls "
        + "[target-ports-exist]"), findings(tree).toString());
  }

  @Test
  void allowedHosts_gatewayRejectsRouteTableHost_isAnError() throws Exception {
    String vg = MGMT + "virtualgateway_gloo-mesh_egress-gw.yaml";
    var tree = edit(edit(example, vg, "- host: \"*.external\"\n  - port:", "- host: \"*.externl\"\n  - port:"),
        vg, "- host: \"*.external\"\n  workloads:", "- host: \"*.externl\"\n  workloads:");
    assertTrue(findings(tree).contains("example/overlays/mgmt/routetable_app1-configs_httpbin-route-gateway.yaml:9:5: error: "
        + "spec.hosts[0]: host httpbin.external is not allowed by any listener of VirtualGateway gloo-mesh/egress-gw; "
        + "add it to a listener's allowedRouteTables [route-table-hosts-allowed]"), findings(tree).toString());
  }

  @Test
  void oneSniPerPath_twoServicesOnOnePort_isAnErrorNamingBoth() throws Exception {
    String dr = "base/egress-sni/destinationrule_egress-1-16-7-vd.yaml";
    var tree = edit(multi, dr, "number: 8081", "number: 8080");
    assertEquals(List.of("multi-region/base/egress-sni/destinationrule_egress-1-16-7-vd.yaml:17:7: error: "
        + "spec.trafficPolicy.portLevelSettings[1]: port 8080 carries two SNIs, payments-api.egress.internal and "
        + "geo.egress.internal; one SNI per gateway path: give each external service its own gateway port "
        + "[one-sni-per-gateway-path]"), findings(tree));
  }

  @Test
  void uniqueResources_sameResourceTwice_isAnError() throws Exception {
    TreeMap<String, String> files = new TreeMap<>(example.files());
    files.put(MGMT + "copy.yaml", files.get(MGMT + "roottrustpolicy_gloo-mesh_root-trust-policy.yaml"));
    assertTrue(findings(RenderedTree.readBack("example", files)).contains("example/overlays/mgmt/roottrustpolicy_gloo-mesh_"
        + "root-trust-policy.yaml:5:3: error: metadata.name: RootTrustPolicy gloo-mesh/root-trust-policy is rendered twice "
        + "(also example/overlays/mgmt/copy.yaml); names must be unique [unique-resources]"));
  }

  @Test
  void strictMtls_permissive_isAWarning() throws Exception {
    var tree = edit(example, "base/peerauthentication_istio-system_default.yaml", "mode: STRICT", "mode: PERMISSIVE");
    assertTrue(findings(tree).contains("example/base/peerauthentication_istio-system_default.yaml:9:5: warning: "
        + "spec.mtls.mode: is PERMISSIVE, not STRICT: workloads accept plain text; set mesh.peerAuthentication.mode: "
        + "STRICT unless this environment opts out on purpose [strict-mtls]"));
  }

  @Test
  void tlsOrigination_disabled_isAWarning() throws Exception {
    var tree = edit(example, "overlays/local/destinationrule_istio-egress_httpbin.org.yaml", "mode: SIMPLE", "mode: DISABLE");
    assertTrue(findings(tree).contains("example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml:16:9: warning: "
        + "spec.trafficPolicy.portLevelSettings[0].tls.mode: TLS origination to httpbin.org is DISABLE: the egress gateway "
        + "sends plain text to an HTTPS port (only for the proof of function); use SIMPLE [tls-origination]"));
  }

  @Test
  void workspaceSharing_missingExport_isAnErrorOnTheOwnersSettings() throws Exception {
    var tree = edit(example, MGMT + "workspacesettings_app1-configs_app1.yaml",
        "    - kind: ROUTE_TABLE\n      name: egress-to-egress\n      namespace: app1-configs\n", "");
    assertEquals(List.of(PORT_WARNING, EW_WARNING, "example/overlays/mgmt/workspacesettings_app1-configs_app1.yaml:15:3: error: spec.exportTo: "
        + "workspace app1 does not export RouteTable app1-configs/egress-to-egress to ops, which needs it because it "
        + "attaches to VirtualGateway gloo-mesh/east-west-gw; add it to exportTo [workspace-sharing]"),
        findings(tree));
  }

  @Test
  void workspaceSharing_missingImport_isAnErrorOnTheUsersSettings() throws Exception {
    var tree = edit(example, MGMT + "workspacesettings_app2-configs_app2.yaml", "    - name: ops\n", "    - name: opps\n");
    assertEquals(List.of(PORT_WARNING, EW_WARNING, "example/overlays/mgmt/workspacesettings_app2-configs_app2.yaml:8:3: error: spec.importFrom: "
        + "workspace app2 does not import VirtualDestination gloo-mesh/egress-gateway from ops, which it needs because "
        + "the workloads of namespace app2 are routed to it by RouteTable app1-configs/httpbin-route-mesh; add it to "
        + "importFrom [workspace-sharing]"), findings(tree));
  }

  @Test
  void verifyAfterMgmt_overlayListsTheVerifyJobs_isAnError() throws Exception {
    var tree = edit(example, "overlays/local/kustomization.yaml", "- namespace_istio-egress.yaml\n",
        "- namespace_istio-egress.yaml\n- \"../../verify/local\"\n");
    assertEquals(List.of("example/overlays/local/kustomization.yaml:12:3: error: resources[7]: lists the verify "
        + "Jobs (verify/local), so they sync with this folder, before the management cluster's Gloo resources exist; leave "
        + "them to their own Flux Kustomization and Argo CD Application [verify-after-mgmt]", PORT_WARNING, EW_WARNING), findings(tree));
  }

  @Test
  void verifyAfterMgmt_verifyJobInAnOverlay_isAnError() throws Exception {
    TreeMap<String, String> files = new TreeMap<>(example.files());
    files.put("overlays/local/job_app1_verify-httpbin.yaml", files.remove("verify/local/job_app1_verify-httpbin.yaml"));
    var tree = RenderedTree.readBack("example", files);
    assertTrue(findings(tree).contains("example/overlays/local/job_app1_verify-httpbin.yaml:8:5: error: "
        + "metadata.labels.app.kubernetes.io/name: a verify Job in overlays/local/ syncs with that folder, before the "
        + "management cluster's Gloo resources exist; it belongs in verify/<role>/, which Flux and Argo CD sync last "
        + "[verify-after-mgmt]"), findings(tree).toString());
  }

  @Test
  void verifyAfterMgmt_argoVerifyInTheWorkloadWave_isAnError() throws Exception {
    var tree = edit(example, "argocd/application_argocd_example-local-verify.yaml", "sync-wave: \"3\"", "sync-wave: \"1\"");
    assertEquals(List.of("example/argocd/application_argocd_example-local-verify.yaml:8:5: error: "
        + "metadata.annotations.argocd.argoproj.io/sync-wave: sync wave 1 is not after example-local's wave 1; the verify "
        + "Jobs can only pass once every overlay, the management cluster's Gloo resources included, is synced: give them "
        + "a later wave [verify-after-mgmt]", PORT_WARNING, EW_WARNING), findings(tree));
  }

  @Test
  void verifyAfterMgmt_fluxVerifyWithoutDependsOn_isAnError() throws Exception {
    var tree = edit(example, "flux/remote/kustomization_flux-system_example-remote-verify.yaml",
        "  dependsOn:\n  - name: example-remote\n", "");
    assertEquals(List.of("example/flux/remote/kustomization_flux-system_example-remote-verify.yaml:7:1: error: "
        + "spec.dependsOn: does not depend on example-remote, the remote overlay's Kustomization, so the verify Jobs may "
        + "run before the egress path is installed; add it to spec.dependsOn [verify-after-mgmt]", PORT_WARNING, EW_WARNING), findings(tree));
  }

  @Test
  void kubernetesNames_jobNameOver63_isAnErrorAtTheRenderedLine() throws Exception {
    String longName = "verify-" + "s".repeat(63);
    var tree = edit(example, "verify/local/job_app1_verify-httpbin.yaml", "  name: verify-httpbin\n", "  name: " + longName + "\n");
    assertEquals(List.of(PORT_WARNING, EW_WARNING, "example/verify/local/job_app1_verify-httpbin.yaml:5:3: error: "
        + "metadata.name: Job name of 70 characters is over Kubernetes' limit of 63 (a Job's name becomes the job-name "
        + "label of its pods); shorten the properties it is made of, got '" + longName + "' [kubernetes-names]"),
        findings(tree));
  }

  @Test
  void kubernetesNames_badLabelKeyAndLongValue_areErrors() throws Exception {
    String value = "v".repeat(64);
    var tree = edit(example, MGMT + "namespace_app1-configs.yaml", "metadata:\n", "metadata:\n  labels:\n"
        + "    bad_prefix/x: a\n    team: " + value + "\n");
    assertEquals(List.of(
        "example/overlays/mgmt/namespace_app1-configs.yaml:6:5: error: metadata.labels.bad_prefix/x: label key prefix must "
            + "be a DNS-1123 subdomain of at most 253 characters, got 'bad_prefix/x' [kubernetes-names]",
        "example/overlays/mgmt/namespace_app1-configs.yaml:7:5: error: metadata.labels.team: a label value is at most 63 "
            + "characters (letters, digits, '-', '_', '.', starting and ending with a letter or digit), got '" + value
            + "' (64 characters) [kubernetes-names]", PORT_WARNING, EW_WARNING), findings(tree));
  }

  @Test
  void kubernetesNames_namespaceNameNotALabel_isAnError() throws Exception {
    var tree = edit(example, MGMT + "namespace_app1-configs.yaml", "name: app1-configs", "name: app1.configs");
    assertTrue(findings(tree).contains("example/overlays/mgmt/namespace_app1-configs.yaml:5:3: error: metadata.name: must "
        + "be a DNS-1123 label (lower-case letters, digits and '-'), got 'app1.configs' [kubernetes-names]"),
        findings(tree).toString());
  }
}
