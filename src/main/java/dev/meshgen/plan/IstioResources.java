package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.ExternalService;
import dev.meshgen.environment.Environment.GatewayPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the workload clusters get from Git (what Gloo does not generate): the egress gateway's
 * IstioOperator, the DestinationRules for SNI and TLS origination, PeerAuthentication, and the
 * namespaces meshgen owns.
 */
final class IstioResources {
  private IstioResources() {}

  static List<PlannedResource> plan(Environment env, Names names) {
    List<PlannedResource> out = new ArrayList<>();
    for (Topology.Placement egress : names.topology().egress()) {
      out.add(istioOperator(env, names, egress));
    }
    out.addAll(sniRules(env, names));
    for (ExternalService s : env.externalServices()) {
      out.add(originationRule(env, s));
    }
    var pa = env.mesh().peerAuthentication();
    out.add(new PlannedResource(Unit.BASE, "PeerAuthentication", pa.name(), env.istio().namespace(),
        Values.of("name", pa.name(), "namespace", env.istio().namespace(), "mode", pa.mode())));
    out.addAll(namespaces(env));
    return out;
  }

  /**
   * The overlays clusters apply. Single form: one per role; the local and remote overlays build
   * on base and stamp the SNI rules into their sending namespaces. A fleet: the role overlays
   * hold what every cluster of the role shares, and each workload cluster's thin overlay builds
   * on its role's and stamps the SNI rules into the sending namespaces that live there (issue 13).
   */
  static List<Plan.Overlay> overlays(Environment env, Names names) {
    Topology topology = names.topology();
    List<Plan.Overlay> out = new ArrayList<>();
    out.add(new Plan.Overlay(Unit.MGMT, List.of(), List.of(), Role.MGMT));
    if (!topology.isFleet()) {
      for (Topology.Placement p : topology.workload()) {
        out.add(new Plan.Overlay(p.overlay(), List.of(Unit.BASE.folder()), sniNamespaces(env, topology, p), p.role()));
      }
      return out;
    }
    java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
    for (Topology.Placement p : topology.workload()) {
      roles.add(p.role());
      java.util.Map<String, String> annotations = new java.util.TreeMap<>();
      annotations.put(Plan.CLUSTER_ANNOTATION, p.name());
      annotations.put(Plan.ROLE_ANNOTATION, p.role().folder());
      if (p.cluster().region() != null) {
        annotations.put(Plan.REGION_ANNOTATION, p.cluster().region());
      }
      out.add(new Plan.Overlay(p.overlay(), List.of(Unit.of(p.role()).folder()), sniNamespaces(env, topology, p), null,
          annotations));
    }
    roles.forEach(role -> out.add(new Plan.Overlay(Unit.of(role), List.of(Unit.BASE.folder()), List.of(), role)));
    return out;
  }

  /**
   * The namespaces of cluster {@code p} that get the egress gateway's SNI rules for every external
   * service, stamped from {@code base/egress-sni}: on an egress cluster the east-west gateway's,
   * which forwards every service, and those of the app workspaces living there that may call every
   * service. The namespaces of a workspace limited by {@code consumers} get their own rules instead.
   */
  private static List<String> sniNamespaces(Environment env, Topology topology, Topology.Placement p) {
    TreeSet<String> out = new TreeSet<>();
    if (p.role() == Role.LOCAL) {
      out.add(env.gateways().namespace()); // the east-west gateway forwards to the egress gateway
    }
    for (AppWorkspace w : env.workspaces().apps()) {
      if (consumesAll(env, w) && topology.of(w).contains(p)) {
        out.addAll(w.namespaces());
      }
    }
    return List.copyOf(out);
  }

  private static boolean consumesAll(Environment env, AppWorkspace w) {
    return env.externalServices().stream().allMatch(s -> s.consumedBy(w.name()));
  }

  /**
   * One SNI per egress gateway path: each external service has its own gateway port, and the
   * rules for both egress gateway hosts carry, per port, the mesh host of the service on it.
   * Least privilege (issue 10): a namespace whose workspace may call only some services gets rules
   * for those only, in its own overlay; one that may call none gets none.
   */
  private static List<PlannedResource> sniRules(Environment env, Names names) {
    List<PlannedResource> out = new ArrayList<>();
    List<Map<String, Object>> all = sniSettings(env, names, env.externalServices());
    out.add(sniRule(Unit.EGRESS_SNI, null, names.sniRuleForService(), names.egressServiceHost(), all));
    out.add(sniRule(Unit.EGRESS_SNI, null, names.sniRuleForVirtualDestination(), names.egressGlobalHost(), all));
    for (AppWorkspace w : env.workspaces().apps()) {
      List<ExternalService> consumed = names.consumed(w);
      if (consumesAll(env, w) || consumed.isEmpty()) {
        continue;
      }
      List<Map<String, Object>> settings = sniSettings(env, names, consumed);
      for (Topology.Placement p : names.topology().of(w)) {
        for (String ns : w.namespaces()) {
          out.add(sniRule(p.overlay(), ns, names.sniRuleForService(), names.egressServiceHost(), settings));
          out.add(sniRule(p.overlay(), ns, names.sniRuleForVirtualDestination(), names.egressGlobalHost(), settings));
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> sniSettings(Environment env, Names names, List<ExternalService> services) {
    List<Map<String, Object>> settings = new ArrayList<>();
    services.stream()
        .sorted(Comparator.comparingInt(s -> gatewayPort(env, s).number()))
        .forEach(s -> settings.add(Values.of()
            .put("port", gatewayPort(env, s).number())
            .put("tlsMode", "ISTIO_MUTUAL")
            .put("sni", names.meshHost(s))
            .build()));
    return settings;
  }

  private static PlannedResource sniRule(Unit unit, String ns, String name, String host, List<Map<String, Object>> settings) {
    return new PlannedResource(unit, "DestinationRule", name, ns, Values.of()
        .put("name", name)
        .put("namespace", ns)
        .put("exportTo", List.of("."))
        .put("host", host)
        .put("portLevelSettings", settings)
        .build());
  }

  /**
   * TLS origination at the egress gateway that names and verifies the server (issue 10): Istio
   * 1.16 sends no SNI and verifies nothing unless told. The server is verified against the proxy
   * image's CA bundle, or the CA of the Secret {@code credentialName} in the egress gateway's
   * namespace; {@code verify: false} skips it explicitly. Seen only by the egress gateway.
   */
  private static PlannedResource originationRule(Environment env, ExternalService s) {
    var tls = s.tlsOrigination();
    String ns = env.gateways().egress().namespace();
    Values setting = Values.of().put("port", tls.port()).put("tlsMode", tls.mode());
    if (tls.mode().equals("SIMPLE")) {
      setting.put("sni", s.host());
      if (!tls.verifies()) {
        setting.put("insecureSkipVerify", true);
      } else if (tls.credentialName() != null) {
        setting.put("credentialName", tls.credentialName());
      } else {
        setting.put("caCertificates", env.gateways().egress().caCertificates());
      }
      setting.put("subjectAltNames", tls.subjectAltNames().isEmpty() ? null : tls.subjectAltNames());
    }
    return new PlannedResource(Unit.LOCAL, "DestinationRule", s.host(), ns, Values.of()
        .put("name", s.host())
        .put("namespace", ns)
        .put("exportTo", List.of("."))
        .put("host", s.host())
        .put("portLevelSettings", List.of(setting.build()))
        .build());
  }

  static GatewayPort gatewayPort(Environment env, ExternalService s) {
    return env.gateways().egress().ports().stream()
        .filter(p -> p.name().equals(s.gatewayPort()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unchecked gateway port " + s.gatewayPort()));
  }

  /**
   * The label Istio's egress gateway chart gives the gateway unless told otherwise; the reference
   * selects it without setting it, so it is rendered only when the selectors use other labels.
   */
  private static final Map<String, String> ISTIO_EGRESS_LABELS = Map.of("istio", "egressgateway");

  /** The IstioOperator of one egress cluster: its cluster name, network and trust domain. */
  private static PlannedResource istioOperator(Environment env, Names names, Topology.Placement placement) {
    var egress = env.gateways().egress();
    List<Map<String, Object>> ports = new ArrayList<>();
    egress.ports().stream().sorted(Comparator.comparingInt(GatewayPort::number)).forEach(p ->
        ports.add(Values.of("name", p.name(), "port", p.number(), "targetPort", p.targetPort())));
    var local = placement.cluster();
    String ns = env.istio().operatorNamespace();
    String name = names.istioOperator(local);
    return new PlannedResource(placement.overlay(), "IstioOperator", name, ns, Values.of()
        .put("name", name)
        .put("namespace", ns)
        .put("revision", env.istio().revision())
        .put("hub", env.istio().hub())
        .put("tag", env.istio().tag())
        .put("istioNamespace", env.istio().namespace())
        .put("trustDomain", local.name())
        .put("gatewayName", names.egressService())
        .put("gatewayLabels", ISTIO_EGRESS_LABELS.equals(egress.labels()) ? null : egress.labels())
        .put("gatewayNamespace", egress.namespace())
        .put("serviceType", egress.serviceType())
        .put("ports", ports)
        .put("clusterName", local.name())
        .put("network", local.network())
        .build());
  }

  private static List<PlannedResource> namespaces(Environment env) {
    List<PlannedResource> out = new ArrayList<>();
    TreeSet<String> mgmt = new TreeSet<>();
    mgmt.add(env.workspaces().ops().configNamespace());
    env.workspaces().apps().forEach(w -> mgmt.add(w.configNamespace()));
    mgmt.forEach(n -> out.add(namespace(Unit.MGMT, n)));
    TreeSet<String> local = new TreeSet<>(List.of(env.gateways().egress().namespace(), env.istio().operatorNamespace()));
    local.forEach(n -> out.add(namespace(Unit.LOCAL, n)));
    return out;
  }

  private static PlannedResource namespace(Unit unit, String name) {
    return new PlannedResource(unit, "Namespace", name, null, Values.of("name", name));
  }
}
