package dev.meshgen.picture;

import dev.meshgen.yaml.YamlNode;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Follows the hops the rendered resources define, as Gloo and Istio would: route tables from
 * source namespaces (or from the gateway they attach to) to a destination, across clusters through
 * the east-west gateway, from the egress gateway's VirtualDestination to the VirtualGateway that
 * serves it, and from an ExternalService to its host with the TLS origination its
 * DestinationRule sets. What does not resolve becomes a broken hop.
 */
final class PathGraph {
  /** A parsed resource and the file it came from. */
  private record Doc(String file, YamlNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    String namespace() {
      return node.path("metadata").path("namespace").asText("");
    }

    YamlNode spec() {
      return node.path("spec");
    }
  }

  private final Map<String, List<Doc>> byKind = new TreeMap<>();
  /** namespace to the clusters whose Workspaces list it. */
  private final Map<String, TreeSet<String>> clustersOf = new HashMap<>();
  private final List<Hop> hops = new ArrayList<>();
  /** Ports each resolved VirtualDestination / ExternalService is reached on, and the file that says so. */
  private final Map<Doc, TreeMap<Integer, String>> usedPorts = new HashMap<>();

  private PathGraph(RenderedTree tree) {
    for (Manifest m : tree.manifests()) {
      if (m.isClusterResource()) {
        Doc d = new Doc(m.path(), m.root());
        byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
      }
    }
    for (Doc w : ofKind("Workspace")) {
      for (YamlNode c : w.spec().path("workloadClusters")) {
        for (YamlNode ns : c.path("namespaces")) {
          clustersOf.computeIfAbsent(ns.path("name").asText(), k -> new TreeSet<>()).add(c.path("name").asText());
        }
      }
    }
  }

  /** Every hop of {@code tree}, sorted. */
  static List<Hop> hops(RenderedTree tree) {
    PathGraph g = new PathGraph(tree);
    for (Doc rt : g.ofKind("RouteTable")) {
      g.routeTable(rt);
    }
    g.gatewaysOfDestinations();
    g.originations();
    return g.hops.stream().sorted(Hop.ORDER).distinct().toList();
  }

  private List<Doc> ofKind(String kind) {
    List<Doc> docs = new ArrayList<>(byKind.getOrDefault(kind, List.of()));
    docs.sort((a, b) -> a.file().compareTo(b.file()));
    return docs;
  }

  private Optional<Doc> find(String kind, String namespace, String name) {
    return ofKind(kind).stream().filter(d -> d.namespace().equals(namespace) && d.name().equals(name)).findFirst();
  }

  private void routeTable(Doc rt) {
    List<String> hosts = new ArrayList<>();
    rt.spec().path("hosts").forEach(h -> hosts.add(h.asText()));
    String host = String.join(", ", hosts);
    YamlNode gateways = rt.spec().path("virtualGateways");
    for (YamlNode route : rt.spec().path("http")) {
      for (YamlNode d : route.path("forwardTo").path("destinations")) {
        int port = d.path("port").path("number").asInt();
        String kind = switch (d.path("kind").asText()) {
          case "VIRTUAL_DESTINATION" -> "VirtualDestination";
          case "EXTERNAL_SERVICE" -> "ExternalService";
          default -> null;
        };
        if (kind == null) {
          continue; // Kubernetes services and cloud providers are not on the egress path
        }
        String ns = d.path("ref").path("namespace").asText();
        String name = d.path("ref").path("name").asText();
        Optional<Doc> target = find(kind, ns, name);
        Node to = target.map(t -> node(t)).orElse(Node.missing(kind + " " + ns + "/" + name));
        String missingPort = target.filter(t -> !hasPort(t, port)).map(t -> " (no port " + port + " on " + kind + ")").orElse("");
        target.filter(t -> missingPort.isEmpty())
            .ifPresent(t -> usedPorts.computeIfAbsent(t, k -> new TreeMap<>()).putIfAbsent(port, rt.file()));
        if (gateways.isEmpty()) {
          fromSidecars(rt, host, port, target.filter(t -> t.kind().equals("VirtualDestination")), to, missingPort);
        } else {
          for (YamlNode g : gateways) {
            String gns = g.path("namespace").asText();
            String gname = g.path("name").asText();
            Node from = find("VirtualGateway", gns, gname).map(this::node)
                .orElse(Node.missing("VirtualGateway " + gns + "/" + gname));
            Tls tls = kind.equals("VirtualDestination") ? meshTls(target, port) : Tls.NONE;
            String arrow = kind.equals("ExternalService") ? " → :" + port : " :" + port;
            hops.add(new Hop(from, to, host + arrow + missingPort + tls.text(), rt.file(), !missingPort.isEmpty() || tls.broken()));
          }
        }
      }
    }
  }

  /**
   * The mesh hop: the sidecars of the selected namespaces send to the destination. From a cluster
   * other than the one the destination's workloads run in, traffic enters that cluster through
   * its east-west gateway, which needs a route table of its own for the host.
   */
  private void fromSidecars(Doc rt, String host, int port, Optional<Doc> destination, Node to, String missingPort) {
    Tls tls = meshTls(destination, port);
    String traffic = host + " :" + port + missingPort + tls.text();
    boolean broken = !missingPort.isEmpty() || tls.broken();
    for (YamlNode selector : rt.spec().path("workloadSelectors")) {
      String ns = selector.path("selector").path("namespace").asText("");
      if (ns.isEmpty()) {
        continue;
      }
      TreeSet<String> clusters = clustersOf.getOrDefault(ns, new TreeSet<>());
      if (clusters.isEmpty()) {
        hops.add(new Hop(Node.missing("Workspace for namespace " + ns), to, traffic, rt.file(), true));
        continue;
      }
      for (String cluster : clusters) {
        Node from = Node.namespace(cluster, ns);
        String home = destination.map(PathGraph::cluster).orElse(cluster);
        if (home.isEmpty() || home.equals(cluster)) {
          hops.add(new Hop(from, to, traffic, rt.file(), broken));
        } else {
          Node eastWest = eastWestGateway(home, host, destination.get())
              .orElse(Node.missing("east-west route for " + host + " into " + home));
          hops.add(new Hop(from, eastWest, traffic, rt.file(), broken));
        }
      }
    }
  }

  /** The cluster a VirtualDestination's workloads run in ("" when it names none). */
  private static String cluster(Doc destination) {
    for (YamlNode s : destination.spec().path("services")) {
      if (s.hasNonNull("cluster")) {
        return s.path("cluster").asText();
      }
    }
    return "";
  }

  /** The gateway in {@code cluster} that a route table attaches to, routing {@code host} to {@code destination}. */
  private Optional<Node> eastWestGateway(String cluster, String host, Doc destination) {
    for (Doc rt : ofKind("RouteTable")) {
      if (!hostsOf(rt).contains(host) || !forwardsTo(rt, destination)) {
        continue;
      }
      for (YamlNode g : rt.spec().path("virtualGateways")) {
        Optional<Doc> vg = find("VirtualGateway", g.path("namespace").asText(), g.path("name").asText());
        if (vg.isPresent() && runsIn(vg.get(), cluster)) {
          return vg.map(this::node);
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> hostsOf(Doc rt) {
    List<String> hosts = new ArrayList<>();
    rt.spec().path("hosts").forEach(h -> hosts.add(h.asText()));
    return hosts;
  }

  private static boolean forwardsTo(Doc rt, Doc destination) {
    for (YamlNode route : rt.spec().path("http")) {
      for (YamlNode d : route.path("forwardTo").path("destinations")) {
        YamlNode ref = d.path("ref");
        if (d.path("kind").asText().equals("VIRTUAL_DESTINATION") && ref.path("name").asText().equals(destination.name())
            && ref.path("namespace").asText().equals(destination.namespace())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean runsIn(Doc gateway, String cluster) {
    for (YamlNode w : gateway.spec().path("workloads")) {
      if (w.path("selector").path("cluster").asText().equals(cluster)) {
        return true;
      }
    }
    return false;
  }

  /** Each VirtualDestination on the path reaches the workloads of the VirtualGateway that selects them. */
  private void gatewaysOfDestinations() {
    usedPorts.forEach((vd, ports) -> {
      if (!vd.kind().equals("VirtualDestination") || !vd.spec().has("services")) {
        return;
      }
      List<Doc> serving = ofKind("VirtualGateway").stream().filter(vg -> serves(vg, vd)).toList();
      if (serving.isEmpty()) {
        hops.add(new Hop(node(vd), Node.missing("VirtualGateway selecting the workloads of " + vd.namespace() + "/" + vd.name()),
            "", vd.file(), true));
      }
      for (Doc vg : serving) {
        for (int port : ports.keySet()) {
          String mode = listenerTls(vg, port);
          hops.add(new Hop(node(vd), node(vg), ":" + port + (mode == null ? " (no listener)" : " " + mode),
              vg.file(), mode == null));
        }
      }
    });
  }

  /** True when every label the gateway's workload selector names is on the destination's services. */
  private static boolean serves(Doc vg, Doc vd) {
    for (YamlNode w : vg.spec().path("workloads")) {
      YamlNode labels = w.path("selector").path("labels");
      for (YamlNode s : vd.spec().path("services")) {
        if (labels.isObject() && !labels.isEmpty() && contains(s.path("labels"), labels)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(YamlNode labels, YamlNode selector) {
    var it = selector.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static String listenerTls(Doc vg, int port) {
    for (YamlNode l : vg.spec().path("listeners")) {
      if (l.path("port").path("number").asInt() == port) {
        return l.path("tls").path("mode").asText("no TLS");
      }
    }
    return null;
  }

  /** Each ExternalService on the path reaches its hosts with the TLS its DestinationRule originates. */
  private void originations() {
    usedPorts.forEach((es, ports) -> {
      if (!es.kind().equals("ExternalService")) {
        return;
      }
      for (YamlNode h : es.spec().path("hosts")) {
        String host = h.asText();
        ports.forEach((port, routeFile) -> {
          Optional<Doc> rule = ruleFor(host, port);
          String mode = rule.flatMap(r -> portTls(r, port)).map(t -> t.path("mode").asText()).orElse(null);
          hops.add(new Hop(node(es), Node.host(host),
              mode == null ? ":" + port + " no TLS origination (no DestinationRule)" : ":" + port + " TLS " + mode,
              rule.map(Doc::file).orElse(es.file()), mode == null));
        });
      }
    });
  }

  /** TLS toward the egress gateway: what the DestinationRule for the destination's host sets on the port. */
  private Tls meshTls(Optional<Doc> destination, int port) {
    if (destination.isEmpty() || !destination.get().kind().equals("VirtualDestination")) {
      return Tls.NONE;
    }
    String host = destination.get().spec().path("hosts").path(0).asText();
    Optional<YamlNode> tls = ruleFor(host, port).flatMap(r -> portTls(r, port));
    if (tls.isEmpty()) {
      return new Tls(" no DestinationRule for " + host + ":" + port, true);
    }
    String mode = tls.get().path("mode").asText();
    String sni = tls.get().path("sni").asText("");
    return new Tls(" " + mode + (sni.isEmpty() ? "" : " sni=" + sni), false);
  }

  private Optional<Doc> ruleFor(String host, int port) {
    return ofKind("DestinationRule").stream()
        .filter(r -> r.spec().path("host").asText().equals(host) && portTls(r, port).isPresent())
        .findFirst();
  }

  private static Optional<YamlNode> portTls(Doc rule, int port) {
    for (YamlNode s : rule.spec().path("trafficPolicy").path("portLevelSettings")) {
      if (s.path("port").path("number").asInt() == port && s.has("tls")) {
        return Optional.of(s.path("tls"));
      }
    }
    return Optional.empty();
  }

  private static boolean hasPort(Doc target, int port) {
    for (YamlNode p : target.spec().path("ports")) {
      if (p.path("number").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  private Node node(Doc d) {
    Node.Type type = switch (d.kind()) {
      case "VirtualGateway" -> Node.Type.GATEWAY;
      case "VirtualDestination" -> Node.Type.DESTINATION;
      case "ExternalService" -> Node.Type.EXTERNAL_SERVICE;
      default -> throw new IllegalArgumentException(d.kind());
    };
    return Node.resource(type, d.kind(), d.namespace(), d.name());
  }

  /** The TLS on a hop toward a VirtualDestination, as edge text, and whether it is missing. */
  private record Tls(String text, boolean broken) {
    static final Tls NONE = new Tls("", false);
  }
}
