package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.ExternalService;
import dev.meshgen.environment.Environment.GatewayPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The Gloo networking resources of the egress path, all for the management cluster. */
final class GlooResources {
  private GlooResources() {}

  static List<PlannedResource> plan(Environment env, Names names) {
    List<PlannedResource> out = new ArrayList<>();
    out.add(egressVirtualDestination(env, names));
    if (names.topology().egress().size() > 1) {
      out.add(egressOutlierDetection(env, names));
    }
    out.add(egressVirtualGateway(env, names));
    out.add(eastWestVirtualGateway(env, names));
    for (ExternalService s : env.externalServices()) {
      out.addAll(forService(env, names, s));
    }
    return out;
  }

  private static List<GatewayPort> meshPorts(Environment env) {
    return env.gateways().egress().ports().stream()
        .filter(p -> p.protocol() != null)
        .sorted(Comparator.comparingInt(GatewayPort::number))
        .toList();
  }

  private static PlannedResource egressVirtualDestination(Environment env, Names names) {
    List<Map<String, Object>> ports = new ArrayList<>();
    for (GatewayPort p : meshPorts(env)) {
      ports.add(Values.of("number", p.number(), "protocol", p.protocol(), "targetPortName", p.name()));
    }
    String ns = env.mesh().adminNamespace();
    String name = env.gateways().egress().virtualDestination();
    return new PlannedResource(Unit.MGMT, "VirtualDestination", name, ns, Values.of()
        .put("name", name)
        .put("namespace", ns)
        .put("hosts", List.of(names.egressGlobalHost()))
        .put("ports", ports)
        // Every egress cluster's gateway backs the one host: Gloo sends each sidecar to the
        // nearest healthy one (issue 13).
        .put("services", names.topology().egress().stream()
            .map(p -> Values.of("cluster", p.name(), "labels", env.gateways().egress().labels()))
            .toList())
        .build());
  }

  /**
   * With an egress gateway in several clusters, Istio prefers the sidecar's own zone and region
   * and fails over to another only when outlier detection ejects the unhealthy gateways: without
   * it the VirtualDestination spreads requests over every region at random (Gloo 2.2.8
   * virtual_destination.proto; Istio 1.16 DestinationRule localityLbSetting). No FailoverPolicy:
   * the default order (zone, region, anywhere) is what a fleet wants. It lives in the egress
   * VirtualDestination's own namespace, since destination policies do not apply across workspaces.
   * {@code maxEjectionPercent} 100 lets a whole region's gateways go, so traffic fails over.
   */
  private static PlannedResource egressOutlierDetection(Environment env, Names names) {
    String ns = env.mesh().adminNamespace();
    String vd = env.gateways().egress().virtualDestination();
    String name = vd + "-failover";
    return new PlannedResource(Unit.MGMT, "OutlierDetectionPolicy", name, ns, Values.of()
        .put("name", name)
        .put("namespace", ns)
        .put("destinations", List.of(ref(env.clusters().mgmt().name(), vd, ns)))
        .put("config", Values.of()
            .put("consecutiveErrors", OUTLIER_CONSECUTIVE_ERRORS)
            .put("interval", "5s")
            .put("baseEjectionTime", "30s")
            .put("maxEjectionPercent", 100)
            .build())
        .build());
  }

  /** Errors the external service itself returns pass through the gateway too: a few in a row are no reason to leave a region. */
  private static final int OUTLIER_CONSECUTIVE_ERRORS = 5;

  private static PlannedResource egressVirtualGateway(Environment env, Names names) {
    List<Map<String, Object>> listeners = new ArrayList<>();
    for (GatewayPort p : meshPorts(env)) {
      listeners.add(Values.of()
          .put("port", p.number())
          .put("tlsMode", "ISTIO_MUTUAL")
          .put("allowedRouteTables", List.of(Values.of("host", names.meshHostPattern())))
          .build());
    }
    String ns = env.mesh().adminNamespace();
    String name = env.gateways().egress().virtualGateway();
    return new PlannedResource(Unit.MGMT, "VirtualGateway", name, ns, Values.of()
        .put("name", name)
        .put("namespace", ns)
        .put("listeners", listeners)
        .put("workloads", egressWorkloads(env, names, env.gateways().egress().labels()))
        .build());
  }

  /**
   * The egress gateway's workload selector: the reference selects by labels alone (any cluster);
   * a fleet names each egress cluster, so a gateway with those labels elsewhere is never picked.
   */
  private static List<Map<String, Object>> egressWorkloads(Environment env, Names names, Map<String, String> labels) {
    if (!names.topology().isFleet()) {
      return List.of(Values.of("labels", labels));
    }
    return names.topology().egress().stream().map(p -> Values.of("cluster", p.name(), "labels", labels)).toList();
  }

  private static PlannedResource eastWestVirtualGateway(Environment env, Names names) {
    var ew = env.gateways().eastWest();
    List<String> hosts = env.externalServices().stream().map(names::meshHost).sorted().toList();
    List<Map<String, Object>> terminated = new ArrayList<>();
    List<Map<String, Object>> passthrough = new ArrayList<>();
    for (String host : hosts) {
      terminated.add(Values.of("host", host));
      passthrough.add(Values.of("host", host, "workspace", ew.passthroughWorkspace()));
    }
    String ns = env.mesh().adminNamespace();
    return new PlannedResource(Unit.MGMT, "VirtualGateway", ew.virtualGateway(), ns, Values.of()
        .put("name", ew.virtualGateway())
        .put("namespace", ns)
        .put("listeners", List.of(
            Values.of().put("port", ew.tlsTerminationPort()).put("appProtocol", "HTTPS")
                .put("tlsMode", "ISTIO_MUTUAL").put("allowedRouteTables", terminated).build(),
            Values.of().put("port", ew.passthroughPort()).put("appProtocol", "TLS")
                .put("tlsMode", "AUTO_PASSTHROUGH").put("allowedRouteTables", passthrough).build()))
        .put("workloads", names.topology().egress().stream()
            .map(p -> Values.of("cluster", p.name(), "labels", ew.labels()))
            .toList())
        .build());
  }

  private static List<PlannedResource> forService(Environment env, Names names, ExternalService s) {
    String ns = names.configNamespace(s);
    String mgmt = env.clusters().mgmt().name();
    String admin = env.mesh().adminNamespace();
    Map<String, String> endpointLabels = Values.labels(names.endpointLabelKey(), s.name());
    Map<String, String> serviceLabels = Values.labels(names.serviceLabelKey(), s.name());
    int gatewayPort = env.gateways().egress().ports().stream()
        .filter(p -> p.name().equals(s.gatewayPort())).findFirst().orElseThrow().number();
    List<Map<String, Object>> endpointPorts = new ArrayList<>();
    List<Map<String, Object>> servicePorts = new ArrayList<>();
    List<Map<String, Object>> destinationPorts = new ArrayList<>();
    int meshPort = s.meshHttpPort();
    if (s.ports().stream().noneMatch(p -> p.number() == meshPort)) {
      // An HTTPS-only service: the mesh host gets the HTTP port apps call, so the mesh route's
      // HTTP routes apply (issue 10). Gloo needs a backing port; the route never sends there.
      destinationPorts.add(Values.of("number", meshPort, "protocol", "HTTP", "targetPortNumber", s.tlsOrigination().port()));
    }
    for (var p : s.ports()) {
      endpointPorts.add(Values.of("name", p.name(), "number", p.number()));
      servicePorts.add(Values.of("name", p.name(), "number", p.number(), "protocol", p.protocol()));
      destinationPorts.add(Values.of("number", p.number(), "protocol", p.protocol()));
    }
    Map<String, Object> toEgressGateway = Values.of(
        "kind", "VIRTUAL_DESTINATION",
        "port", gatewayPort,
        "ref", ref(mgmt, env.gateways().egress().virtualDestination(), admin));
    Map<String, Object> toExternalService = Values.of(
        "kind", "EXTERNAL_SERVICE",
        "port", s.tlsOrigination().port(),
        "ref", ref(mgmt, names.externalService(s), ns));
    // Least privilege: only the consumers' sidecars get the route to the egress gateway (issue 10).
    List<Map<String, Object>> sources = names.consumers(s).stream()
        .flatMap(w -> w.namespaces().stream())
        .sorted().distinct()
        .map(n -> Values.of("namespace", n))
        .toList();
    List<Map<String, Object>> egressWorkloads = List.of(Values.of("namespace", env.gateways().egress().namespace()));
    String host = names.meshHost(s);

    List<PlannedResource> out = new ArrayList<>();
    out.add(new PlannedResource(Unit.MGMT, "ExternalEndpoint", names.externalEndpoint(s), ns, Values.of()
        .put("name", names.externalEndpoint(s)).put("namespace", ns).put("labels", endpointLabels)
        .put("address", s.host()).put("ports", endpointPorts).build()));
    out.add(new PlannedResource(Unit.MGMT, "ExternalService", names.externalService(s), ns, Values.of()
        .put("name", names.externalService(s)).put("namespace", ns).put("labels", serviceLabels)
        .put("hosts", List.of(s.host())).put("ports", servicePorts).put("selector", endpointLabels).build()));
    out.add(new PlannedResource(Unit.MGMT, "VirtualDestination", names.serviceVirtualDestination(s), ns, Values.of()
        .put("name", names.serviceVirtualDestination(s)).put("namespace", ns)
        .put("externalServices", List.of(Values.of("labels", serviceLabels)))
        .put("hosts", List.of(host)).put("ports", destinationPorts).build()));
    // Only the last hop rewrites Host: until the egress gateway, the mesh host is what selects the
    // route tables; the external service must see its own name (virtual hosting, issue 10).
    out.add(routeTable(names.meshRouteTable(s), ns, host,
        env.gateways().egress().virtualDestination(), toEgressGateway, null, null, sources));
    out.add(routeTable(names.eastWestRouteTable(s), ns, host, names.appRoute(s), toEgressGateway, null,
        ref(mgmt, env.gateways().eastWest().virtualGateway(), admin), egressWorkloads));
    out.add(routeTable(names.gatewayRouteTable(s), ns, host, names.appRoute(s), toExternalService, s.host(),
        ref(mgmt, env.gateways().egress().virtualGateway(), admin), egressWorkloads));
    return out;
  }

  private static PlannedResource routeTable(String name, String ns, String host, String routeName,
      Map<String, Object> destination, String hostRewrite, Map<String, Object> gateway,
      List<Map<String, Object>> workloads) {
    return new PlannedResource(Unit.MGMT, "RouteTable", name, ns, Values.of()
        .put("name", name).put("namespace", ns)
        .put("hosts", List.of(host))
        .put("routes", List.of(Values.of("name", routeName, "destinations", List.of(destination), "hostRewrite", hostRewrite)))
        .put("virtualGateways", gateway == null ? null : List.of(gateway))
        .put("workloadSelectors", workloads)
        .build());
  }

  static Map<String, Object> ref(String cluster, String name, String namespace) {
    return Values.of("cluster", cluster, "name", name, "namespace", namespace);
  }
}
