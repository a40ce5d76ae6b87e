package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.ExternalService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Workspaces, their WorkspaceSettings and the RootTrustPolicy. The import/export lists are derived
 * from the same names the networking resources use, so every cross-workspace reference is shared
 * by both sides: the owner exports, the user imports.
 */
final class WorkspaceResources {
  private WorkspaceResources() {}

  /** A resource that one workspace shares with another. */
  private record Shared(String kind, String name, String namespace) {}

  static List<PlannedResource> plan(Environment env, Names names) {
    String admin = env.mesh().adminNamespace();
    var ops = env.workspaces().ops();
    String mgmt = env.clusters().mgmt().name();
    List<PlannedResource> out = new ArrayList<>();

    // Which namespaces each workspace owns, per cluster.
    Map<String, Map<String, TreeSet<String>>> owned = new LinkedHashMap<>();
    owned.put(ops.name(), new TreeMap<>());
    add(owned, ops.name(), mgmt, admin);
    add(owned, ops.name(), mgmt, ops.configNamespace());
    for (Topology.Placement workload : names.topology().workload()) {
      add(owned, ops.name(), workload.name(), env.gateways().namespace());
      add(owned, ops.name(), workload.name(), env.gateways().egress().namespace());
    }
    for (AppWorkspace w : env.workspaces().apps()) {
      add(owned, w.name(), mgmt, w.configNamespace());
      for (Topology.Placement p : names.topology().of(w)) {
        w.namespaces().forEach(n -> add(owned, w.name(), p.name(), n));
      }
    }

    // Who shares what with whom: key (from, to) -> resources.
    Map<String, Map<String, TreeSet<Shared>>> exports = new TreeMap<>();
    Shared egressDestination = new Shared("VIRTUAL_DESTINATION", env.gateways().egress().virtualDestination(), admin);
    // Least privilege (issue 10): the egress gateway only for workspaces that may call a service.
    for (AppWorkspace w : env.workspaces().apps()) {
      if (!names.consumed(w).isEmpty()) {
        share(exports, ops.name(), w.name(), egressDestination);
      }
    }
    for (ExternalService s : env.externalServices()) {
      String ns = names.configNamespace(s);
      // Route tables that attach to the ops gateways run there, with the service they forward to.
      share(exports, s.workspace(), ops.name(), new Shared("ROUTE_TABLE", names.eastWestRouteTable(s), ns));
      share(exports, s.workspace(), ops.name(), new Shared("ROUTE_TABLE", names.gatewayRouteTable(s), ns));
      share(exports, s.workspace(), ops.name(), new Shared("EXTERNAL_SERVICE", names.externalService(s), ns));
      // The mesh route table selects the sidecars of the service's consumers.
      for (AppWorkspace w : names.consumers(s)) {
        if (!w.name().equals(s.workspace())) {
          share(exports, s.workspace(), w.name(), new Shared("ROUTE_TABLE", names.meshRouteTable(s), ns));
          share(exports, s.workspace(), w.name(), new Shared("VIRTUAL_DESTINATION", names.serviceVirtualDestination(s), ns));
        }
      }
    }

    Map<String, String> settingsNamespace = new LinkedHashMap<>();
    settingsNamespace.put(ops.name(), ops.configNamespace());
    env.workspaces().apps().forEach(w -> settingsNamespace.put(w.name(), w.configNamespace()));

    for (var workspace : owned.entrySet()) {
      String name = workspace.getKey();
      List<Map<String, Object>> clusters = new ArrayList<>();
      workspace.getValue().forEach((cluster, namespaces) ->
          clusters.add(Values.of("name", cluster, "namespaces", List.copyOf(namespaces))));
      out.add(new PlannedResource(Unit.MGMT, "Workspace", name, admin, Values.of()
          .put("name", name).put("namespace", admin).put("clusters", clusters).build()));

      List<Map<String, Object>> exportTo = new ArrayList<>();
      exports.getOrDefault(name, Map.of()).forEach((to, shared) -> exportTo.add(grant(to, shared)));
      List<Map<String, Object>> importFrom = new ArrayList<>();
      exports.forEach((from, byTarget) -> {
        TreeSet<Shared> shared = byTarget.get(name);
        if (shared != null) {
          importFrom.add(grant(from, shared));
        }
      });
      String ns = settingsNamespace.get(name);
      out.add(new PlannedResource(Unit.MGMT, "WorkspaceSettings", name, ns, Values.of()
          .put("name", name).put("namespace", ns)
          .put("importFrom", importFrom).put("exportTo", exportTo)
          .put("eastWestGateways", eastWestGateways(env)).build()));
    }

    out.add(new PlannedResource(Unit.MGMT, "RootTrustPolicy", env.mesh().rootTrustPolicy(), admin,
        Values.of("name", env.mesh().rootTrustPolicy(), "namespace", admin)));
    return out;
  }

  /**
   * Gloo finds the east-west gateway's ports by their names ({@code https} for tlsTermination,
   * {@code tls} for passthrough) unless a workspace's settings name them; a port other than the
   * defaults' number is named here in every workspace's settings, since each workspace's
   * VirtualDestinations are reached through it (issue 10). Null when both are the defaults.
   */
  private static List<Map<String, Object>> eastWestGateways(Environment env) {
    var ew = env.gateways().eastWest();
    Integer termination = ew.tlsTerminationPort() == DEFAULT_TLS_TERMINATION_PORT ? null : ew.tlsTerminationPort();
    Integer passthrough = ew.passthroughPort() == DEFAULT_PASSTHROUGH_PORT ? null : ew.passthroughPort();
    if (termination == null && passthrough == null) {
      return null;
    }
    return List.of(Values.of()
        .put("labels", ew.labels())
        .put("port", passthrough)
        .put("tlsTerminationPort", termination)
        .build());
  }

  /** The east-west gateway Service's {@code https} and {@code tls} ports as Gloo installs it. */
  static final int DEFAULT_TLS_TERMINATION_PORT = 443;
  static final int DEFAULT_PASSTHROUGH_PORT = 15443;

  private static void add(Map<String, Map<String, TreeSet<String>>> owned, String workspace, String cluster, String ns) {
    owned.computeIfAbsent(workspace, k -> new TreeMap<>()).computeIfAbsent(cluster, k -> new TreeSet<>()).add(ns);
  }

  private static final Comparator<Shared> SHARED_ORDER =
      Comparator.comparing(Shared::kind).thenComparing(Shared::namespace).thenComparing(Shared::name);

  private static void share(Map<String, Map<String, TreeSet<Shared>>> exports, String from, String to, Shared what) {
    exports.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>(SHARED_ORDER)).add(what);
  }

  private static Map<String, Object> grant(String workspace, TreeSet<Shared> shared) {
    List<Map<String, Object>> resources = new ArrayList<>();
    shared.forEach(s -> resources.add(Values.of("kind", s.kind(), "name", s.name(), "namespace", s.namespace())));
    return Values.of("workspaces", List.of(workspace), "resources", resources);
  }
}
