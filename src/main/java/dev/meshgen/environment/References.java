package dev.meshgen.environment;

import dev.meshgen.yaml.YamlNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the references between properties that a schema cannot: every name that points at
 * another property resolves, and names that must be unique are. Runs after the schema passed, so
 * it can rely on types and required keys.
 */
final class References {
  private References() {}

  static List<Diagnostic> check(YamlNode.Mapping root, Environment env) {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> workspaces = new TreeSet<>();
    env.workspaces().apps().forEach(w -> workspaces.add(w.name()));
    Map<String, Environment.GatewayPort> ports = new HashMap<>();
    env.gateways().egress().ports().forEach(p -> ports.put(p.name(), p));

    unique(root, out, "workspaces.apps", "name", env.workspaces().apps().stream().map(Environment.AppWorkspace::name).toList());
    unique(root, out, "gateways.egress.ports", "name", env.gateways().egress().ports().stream().map(Environment.GatewayPort::name).toList());
    unique(root, out, "gateways.egress.ports", "number",
        env.gateways().egress().ports().stream().map(p -> String.valueOf(p.number())).toList());
    unique(root, out, "externalServices", "name", env.externalServices().stream().map(Environment.ExternalService::name).toList());
    unique(root, out, "externalServices", "host", env.externalServices().stream().map(Environment.ExternalService::host).toList());
    if (workspaces.contains(env.workspaces().ops().name())) {
      out.add(Diagnostic.error(at(root, "workspaces.ops.name"), "workspaces.ops.name",
          "'" + env.workspaces().ops().name() + "' is also the name of an app workspace; workspace names must be unique"));
    }
    clusters(root, env, out);

    var pa = env.mesh().peerAuthentication();
    if (!pa.mode().equals("STRICT") && !Boolean.TRUE.equals(pa.allowNonStrict())) {
      out.add(Diagnostic.error(at(root, "mesh.peerAuthentication.mode"), "mesh.peerAuthentication.mode",
          pa.mode() + " lets plain text into the mesh; keep STRICT, or opt out on purpose with "
              + "mesh.peerAuthentication.allowNonStrict: true"));
    }

    Map<String, String> pathByPort = new HashMap<>();
    for (int i = 0; i < env.externalServices().size(); i++) {
      var s = env.externalServices().get(i);
      String base = "externalServices[" + i + "]";
      if (!workspaces.contains(s.workspace())) {
        out.add(Diagnostic.error(at(root, base + ".workspace"), base + ".workspace",
            "no app workspace named '" + s.workspace() + "'; known: " + String.join(", ", workspaces)));
      }
      Environment.GatewayPort port = ports.get(s.gatewayPort());
      if (port == null || port.protocol() == null) {
        out.add(Diagnostic.error(at(root, base + ".gatewayPort"), base + ".gatewayPort",
            "no egress gateway port named '" + s.gatewayPort() + "' with a protocol; each external service needs "
                + "its own port in gateways.egress.ports (known: " + meshPortNames(env) + ")"));
      } else if (!"HTTP".equals(port.protocol())) {
        out.add(Diagnostic.error(at(root, base + ".gatewayPort"), base + ".gatewayPort",
            "egress gateway port '" + s.gatewayPort() + "' is " + port.protocol()
                + "; the mesh hop to the egress gateway is HTTP inside ISTIO_MUTUAL, so use an HTTP port"));
      } else {
        String other = pathByPort.putIfAbsent(s.gatewayPort(), s.name());
        if (other != null) {
          out.add(Diagnostic.error(at(root, base + ".gatewayPort"), base + ".gatewayPort",
              "external services '" + other + "' and '" + s.name() + "' share egress gateway port '" + s.gatewayPort()
                  + "'; one SNI per gateway path: give each service its own port in gateways.egress.ports"));
        }
      }
      boolean hasPort = s.ports().stream().anyMatch(p -> p.number() == s.tlsOrigination().port());
      if (!hasPort) {
        out.add(Diagnostic.error(at(root, base + ".tlsOrigination.port"), base + ".tlsOrigination.port",
            s.tlsOrigination().port() + " is not one of the service's ports ("
                + String.join(", ", s.ports().stream().map(p -> String.valueOf(p.number())).toList()) + ")"));
      }
      ambiguousExpectations(root, out, base, s.verify().expect());
      List<String> consumers = s.consumers() == null ? List.of() : s.consumers();
      for (int c = 0; c < consumers.size(); c++) {
        if (!workspaces.contains(consumers.get(c))) {
          String path = base + ".consumers[" + c + "]";
          out.add(Diagnostic.error(at(root, path), path, "no app workspace named '" + consumers.get(c)
              + "'; consumers are app workspaces (known: " + String.join(", ", workspaces) + ")"));
        }
      }
      int meshPort = s.meshHttpPort();
      s.ports().stream().filter(p -> p.number() == meshPort && !"HTTP".equals(p.protocol())).findFirst().ifPresent(p -> {
        String path = s.meshPort() != null ? base + ".meshPort" : base + ".ports";
        out.add(Diagnostic.error(at(root, path), path, "apps call " + meshHost(env, s) + " on port " + meshPort
            + " over plain HTTP, but that is the service's " + p.protocol() + " port '" + p.name() + "', where no HTTP "
            + "route applies; set " + base + ".meshPort to a port the service does not use (80 unless taken)"));
      });
      var tls = s.tlsOrigination();
      boolean verifying = tls.mode().equals("SIMPLE") && tls.verifies();
      if (tls.credentialName() != null && !verifying) {
        String path = base + ".tlsOrigination.credentialName";
        out.add(Diagnostic.error(at(root, path), path, "a CA Secret only applies when the egress gateway verifies the "
            + "server (mode SIMPLE, verify not false); remove it or turn verification on"));
      }
      if (!tls.subjectAltNames().isEmpty() && !verifying) {
        String path = base + ".tlsOrigination.subjectAltNames";
        out.add(Diagnostic.error(at(root, path), path, "subject alternative names only apply when the egress gateway "
            + "verifies the server (mode SIMPLE, verify not false); remove them or turn verification on"));
      }
      unique(root, out, base + ".ports", "name", s.ports().stream().map(Environment.ServicePort::name).toList());
      unique(root, out, base + ".ports", "number", s.ports().stream().map(p -> String.valueOf(p.number())).toList());
    }
    out.sort(Diagnostic.ORDER);
    return out;
  }

  /**
   * The clusters come in one of two forms, the single local/remote pair or the fleet's workload
   * list; names (with mgmt's) and networks are unique, a fleet has an egress cluster, and every app
   * workspace says where its namespaces live, on clusters that exist (issue 13).
   */
  private static void clusters(YamlNode.Mapping root, Environment env, List<Diagnostic> out) {
    var c = env.clusters();
    if (c.isFleet() && (c.local() != null || c.remote() != null)) {
      String path = c.local() != null ? "clusters.local" : "clusters.remote";
      out.add(Diagnostic.error(at(root, path), path, "name the workload clusters either as clusters.local and "
          + "clusters.remote (one of each) or as the clusters.workload list, not both"));
      return;
    }
    if (!c.isFleet()) {
      for (String role : List.of("local", "remote")) {
        if ((role.equals("local") ? c.local() : c.remote()) == null) {
          out.add(Diagnostic.error(at(root, "clusters"), "clusters." + role, "missing: name one local cluster "
              + "(egress gateway) and one remote cluster as clusters.local and clusters.remote, or list any number "
              + "as clusters.workload [{name, role: local|remote, region}]"));
        }
      }
      if (c.local() == null || c.remote() == null) {
        return;
      }
      if (c.local().name().equals(c.remote().name())) {
        out.add(Diagnostic.error(at(root, "clusters.remote.name"), "clusters.remote.name",
            "the remote cluster must differ from the local cluster '" + c.local().name() + "'"));
      }
    } else {
      List<String> names = new ArrayList<>();
      names.add(c.mgmt().name());
      c.workload().forEach(w -> names.add(w.name()));
      Map<String, String> firstName = new HashMap<>();
      firstName.put(c.mgmt().name(), "clusters.mgmt.name");
      Map<String, String> firstNetwork = new HashMap<>();
      for (int i = 0; i < c.workload().size(); i++) {
        var w = c.workload().get(i);
        String base = "clusters.workload[" + i + "]";
        String other = firstName.putIfAbsent(w.name(), base + ".name");
        if (other != null) {
          out.add(Diagnostic.error(at(root, base + ".name"), base + ".name",
              "duplicate cluster name '" + w.name() + "' (also " + other + "); every cluster needs its own name"));
        }
        String networkPath = root.path("clusters").path("workload").path(i).has("network") ? base + ".network" : base + ".name";
        String otherNetwork = firstNetwork.putIfAbsent(w.network(), networkPath);
        if (otherNetwork != null && other == null) {
          out.add(Diagnostic.error(at(root, networkPath), networkPath, "network '" + w.network() + "' is also the "
              + "network of " + otherNetwork + "; each workload cluster needs its own Istio network, since traffic "
              + "between clusters crosses their east-west gateways"));
        }
      }
      if (c.ofRole(Environment.Clusters.LOCAL).isEmpty()) {
        out.add(Diagnostic.error(at(root, "clusters.workload"), "clusters.workload", "no cluster has role local: a "
            + "fleet needs at least one egress cluster (role: local), which runs the egress gateway"));
      }
    }
    List<String> known = c.workloadClusters().stream().map(Environment.Cluster::name).toList();
    for (int i = 0; i < env.workspaces().apps().size(); i++) {
      var w = env.workspaces().apps().get(i);
      String base = "workspaces.apps[" + i + "]";
      if (w.cluster() == null && w.clusters() == null) {
        out.add(Diagnostic.error(at(root, base), base + ".clusters", "say where the namespaces of '" + w.name()
            + "' live: clusters (a list of workload cluster names) or cluster (local or remote: every cluster of that role)"));
      } else if (w.cluster() != null && w.clusters() != null) {
        out.add(Diagnostic.error(at(root, base + ".clusters"), base + ".clusters", "give either cluster (a role) "
            + "or clusters (cluster names), not both"));
      } else if (w.cluster() != null && c.ofRole(w.cluster()).isEmpty()) {
        out.add(Diagnostic.error(at(root, base + ".cluster"), base + ".cluster", "no workload cluster has role '"
            + w.cluster() + "'; name the clusters with clusters (known: " + String.join(", ", known) + ")"));
      } else if (w.clusters() != null) {
        for (int j = 0; j < w.clusters().size(); j++) {
          String name = w.clusters().get(j);
          String path = base + ".clusters[" + j + "]";
          if (name.equals(c.mgmt().name()) && !known.contains(name)) {
            out.add(Diagnostic.error(at(root, path), path, "'" + name + "' is the management cluster; app namespaces "
                + "live on workload clusters (known: " + String.join(", ", known) + ")"));
          } else if (!known.contains(name)) {
            out.add(Diagnostic.error(at(root, path), path, "no workload cluster named '" + name + "'; known: "
                + String.join(", ", known)));
          }
        }
        unique(root, out, base + ".clusters", w.clusters());
      }
    }
  }

  /**
   * A verify Job proves the path only if the code it expects cannot come from the mesh itself:
   * Envoy answers 404 when no route matches and 502/503/504 when the next hop fails (issue 10).
   */
  private static void ambiguousExpectations(YamlNode.Mapping root, List<Diagnostic> out, String base, List<Integer> expect) {
    for (int j = 0; j < expect.size(); j++) {
      int code = expect.get(j);
      if (code == 404 || code >= 500) {
        String single = base + ".verify.expect";
        String path = at(root, single + "[" + j + "]").equals(at(root, single)) ? single : single + "[" + j + "]";
        out.add(Diagnostic.error(at(root, path), path, code + " is also what the mesh's proxies answer when the path "
            + "is broken (404: no route, 5xx: the next hop failed), so it cannot prove the service was reached; "
            + "verify a path the service answers with another code (e.g. a health endpoint's 200, or 401 from an API "
            + "that needs credentials)"));
      }
    }
  }

  private static String meshHost(Environment env, Environment.ExternalService s) {
    return s.name() + "." + env.mesh().hostSuffix();
  }

  private static String meshPortNames(Environment env) {
    return String.join(", ", env.gateways().egress().ports().stream()
        .filter(p -> p.protocol() != null).map(Environment.GatewayPort::name).toList());
  }

  private static void unique(YamlNode.Mapping root, List<Diagnostic> out, String list, String key, List<String> values) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer earlier = first.putIfAbsent(values.get(i), i);
      if (earlier != null) {
        String path = list + "[" + i + "]." + key;
        out.add(Diagnostic.error(at(root, path), path,
            "duplicate '" + values.get(i) + "' (also " + list + "[" + earlier + "]." + key + ")"));
      }
    }
  }

  /** As {@link #unique(YamlNode.Mapping, List, String, String, List)} for a list of scalars. */
  private static void unique(YamlNode.Mapping root, List<Diagnostic> out, String list, List<String> values) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer earlier = first.putIfAbsent(values.get(i), i);
      if (earlier != null) {
        String path = list + "[" + i + "]";
        out.add(Diagnostic.error(at(root, path), path, "duplicate '" + values.get(i) + "' (also " + list + "[" + earlier + "])"));
      }
    }
  }

  /** The location of the value at a display path such as {@code externalServices[1].host}. */
  static Location at(YamlNode.Mapping root, String path) {
    YamlNode node = root;
    for (String part : path.split("\\.")) {
      String key = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
      if (node instanceof YamlNode.Mapping m && m.entries().containsKey(key)) {
        node = m.entries().get(key).value();
      } else {
        return node.location();
      }
      int open = part.indexOf('[');
      while (open >= 0) {
        int close = part.indexOf(']', open);
        int index = Integer.parseInt(part.substring(open + 1, close));
        if (node instanceof YamlNode.Sequence s && index < s.items().size()) {
          node = s.items().get(index);
        } else {
          return node.location();
        }
        open = part.indexOf('[', close);
      }
    }
    return node.location();
  }
}
