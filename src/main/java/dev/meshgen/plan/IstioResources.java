package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.ExternalService;
import dev.meshgen.environment.Environment.GatewayPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
    out.add(istioOperator(env, names));
    out.addAll(sniRules(env, names));
    for (ExternalService s : env.externalServices()) {
      out.add(new PlannedResource(Unit.LOCAL, "DestinationRule", s.host(), env.gateways().egress().namespace(), Values.of()
          .put("name", s.host())
          .put("namespace", env.gateways().egress().namespace())
          .put("host", s.host())
          .put("portLevelSettings", List.of(Values.of("port", s.tlsOrigination().port(), "tlsMode", s.tlsOrigination().mode())))
          .build()));
    }
    var pa = env.mesh().peerAuthentication();
    out.add(new PlannedResource(Unit.BASE, "PeerAuthentication", pa.name(), env.istio().namespace(),
        Values.of("name", pa.name(), "namespace", env.istio().namespace(), "mode", pa.mode())));
    out.addAll(namespaces(env));
    return out;
  }

  /** The namespaces of each workload role whose outbound traffic needs the egress gateway's SNI. */
  static Map<Role, List<String>> sniNamespaces(Environment env) {
    Map<Role, List<String>> out = new EnumMap<>(Role.class);
    TreeSet<String> local = new TreeSet<>();
    TreeSet<String> remote = new TreeSet<>();
    local.add(env.gateways().namespace()); // the east-west gateway forwards to the egress gateway
    for (AppWorkspace w : env.workspaces().apps()) {
      (w.cluster().equals("local") ? local : remote).addAll(w.namespaces());
    }
    out.put(Role.LOCAL, List.copyOf(local));
    out.put(Role.REMOTE, List.copyOf(remote));
    return out;
  }

  /**
   * One SNI per egress gateway path: each external service has its own gateway port, and the
   * rules for both egress gateway hosts carry, per port, the mesh host of the service on it.
   */
  private static List<PlannedResource> sniRules(Environment env, Names names) {
    List<Map<String, Object>> settings = new ArrayList<>();
    env.externalServices().stream()
        .sorted(Comparator.comparingInt(s -> gatewayPort(env, s).number()))
        .forEach(s -> settings.add(Values.of()
            .put("port", gatewayPort(env, s).number())
            .put("tlsMode", "ISTIO_MUTUAL")
            .put("sni", names.meshHost(s))
            .build()));
    List<PlannedResource> out = new ArrayList<>();
    out.add(sniRule(names.sniRuleForService(), names.egressServiceHost(), settings));
    out.add(sniRule(names.sniRuleForVirtualDestination(), names.egressGlobalHost(), settings));
    return out;
  }

  private static PlannedResource sniRule(String name, String host, List<Map<String, Object>> settings) {
    return new PlannedResource(Unit.EGRESS_SNI, "DestinationRule", name, null, Values.of()
        .put("name", name)
        .put("exportTo", List.of("."))
        .put("host", host)
        .put("portLevelSettings", settings)
        .build());
  }

  static GatewayPort gatewayPort(Environment env, ExternalService s) {
    return env.gateways().egress().ports().stream()
        .filter(p -> p.name().equals(s.gatewayPort()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unchecked gateway port " + s.gatewayPort()));
  }

  private static PlannedResource istioOperator(Environment env, Names names) {
    var egress = env.gateways().egress();
    List<Map<String, Object>> ports = new ArrayList<>();
    egress.ports().stream().sorted(Comparator.comparingInt(GatewayPort::number)).forEach(p ->
        ports.add(Values.of("name", p.name(), "port", p.number(), "targetPort", p.targetPort())));
    var local = env.clusters().local();
    String ns = env.istio().operatorNamespace();
    return new PlannedResource(Unit.LOCAL, "IstioOperator", names.istioOperator(), ns, Values.of()
        .put("name", names.istioOperator())
        .put("namespace", ns)
        .put("revision", env.istio().revision())
        .put("hub", env.istio().hub())
        .put("tag", env.istio().tag())
        .put("istioNamespace", env.istio().namespace())
        .put("trustDomain", local.name())
        .put("gatewayName", names.egressService())
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
