package dev.meshgen.picture;

import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.picture.Hop.Status;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Follows the hops the rendered resources define, as Gloo and Istio would, from workloads to
 * physical things: source namespaces send (mTLS, as the DestinationRule for the
 * VirtualDestination's host says) to the gateway whose workloads the VirtualDestination selects,
 * across clusters through the east-west gateway; the egress gateway originates TLS (as the
 * DestinationRule for the ExternalService's host says) to the external host. VirtualDestinations,
 * ExternalServices and route tables are how a hop is made, not hops of their own. What does not
 * resolve becomes a broken hop.
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

    String id() {
      return kind() + " " + namespace() + "/" + name();
    }

    YamlNode spec() {
      return node.path("spec");
    }
  }

  /** PeerAuthentication modes from the one that protects most to the one that protects least. */
  private static final List<String> PEER_MODES = List.of("STRICT", "UNSET", "PERMISSIVE", "DISABLE");

  private final Map<String, List<Doc>> byKind = new TreeMap<>();
  /** namespace to the clusters whose Workspaces list it. */
  private final Map<String, TreeSet<String>> clustersOf = new HashMap<>();
  private final Map<Doc, Node> gateways = new HashMap<>();
  /** The selector-less PeerAuthentication that accepts the most plain text, if it accepts any. */
  private final Optional<Doc> weakPeerAuthentication;
  private final List<Hop> hops = new ArrayList<>();

  private PathGraph(RenderedTree tree) {
    for (Manifest m : tree.manifests()) {
      if (m.isClusterResource()) {
        Doc d = new Doc(m.path(), m.root());
        byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
      }
    }
    byKind.values().forEach(docs -> docs.sort((a, b) -> a.file().compareTo(b.file())));
    for (Doc w : ofKind("Workspace")) {
      for (YamlNode c : w.spec().path("workloadClusters")) {
        for (YamlNode ns : c.path("namespaces")) {
          clustersOf.computeIfAbsent(ns.path("name").asText(), k -> new TreeSet<>()).add(c.path("name").asText());
        }
      }
    }
    for (Doc vg : ofKind("VirtualGateway")) {
      gateways.put(vg, gatewayNode(vg));
    }
    weakPeerAuthentication = ofKind("PeerAuthentication").stream()
        .filter(p -> !p.spec().has("selector"))
        .filter(p -> PEER_MODES.indexOf(peerMode(p)) >= PEER_MODES.indexOf("PERMISSIVE"))
        .max((a, b) -> Integer.compare(PEER_MODES.indexOf(peerMode(a)), PEER_MODES.indexOf(peerMode(b))));
  }

  /** Every hop of {@code tree}, sorted. */
  static List<Hop> hops(RenderedTree tree) {
    PathGraph g = new PathGraph(tree);
    for (Doc rt : g.ofKind("RouteTable")) {
      g.routeTable(rt);
    }
    return g.hops.stream().sorted(Hop.ORDER).distinct().toList();
  }

  private List<Doc> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  private Optional<Doc> find(String kind, String namespace, String name) {
    return ofKind(kind).stream().filter(d -> d.namespace().equals(namespace) && d.name().equals(name)).findFirst();
  }

  /**
   * One node per physical gateway: what it is for (from the route tables attached to it), its
   * VirtualGateway and the VirtualDestinations that reach its workloads, in the cluster its
   * workload selector names or, without one, the cluster those VirtualDestinations name.
   */
  private Node gatewayNode(Doc vg) {
    Set<String> roles = new TreeSet<>();
    for (Doc rt : ofKind("RouteTable")) {
      if (attachesTo(rt, vg)) {
        destinations(rt).forEach(d -> roles.add(d.path("kind").asText().equals("EXTERNAL_SERVICE") ? "egress" : "east-west"));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(roles.isEmpty() ? "gateway" : String.join(" and ", roles.stream().sorted((a, b) -> b.compareTo(a)).toList()) + " gateway");
    lines.add("VirtualGateway " + vg.namespace() + "/" + vg.name());
    Set<String> clusters = new TreeSet<>();
    for (YamlNode w : vg.spec().path("workloads")) {
      if (!w.path("selector").path("cluster").asText("").isEmpty()) {
        clusters.add(w.path("selector").path("cluster").asText());
      }
    }
    boolean selectsCluster = !clusters.isEmpty();
    for (Doc vd : ofKind("VirtualDestination")) {
      if (serves(vg, vd)) {
        lines.add("VirtualDestination " + vd.namespace() + "/" + vd.name());
        if (!selectsCluster && !cluster(vd).isEmpty()) {
          clusters.add(cluster(vd));
        }
      }
    }
    if (clusters.size() > 1) {
      lines.add("in " + String.join(", ", clusters));
    }
    return Node.gateway(vg.namespace() + "/" + vg.name(), lines, clusters.size() == 1 ? clusters.iterator().next() : null);
  }

  private static boolean attachesTo(Doc rt, Doc vg) {
    for (YamlNode g : rt.spec().path("virtualGateways")) {
      if (g.path("name").asText().equals(vg.name()) && g.path("namespace").asText().equals(vg.namespace())) {
        return true;
      }
    }
    return false;
  }

  private static List<YamlNode> destinations(Doc rt) {
    List<YamlNode> out = new ArrayList<>();
    for (YamlNode route : rt.spec().path("http")) {
      route.path("forwardTo").path("destinations").forEach(out::add);
    }
    return out;
  }

  private void routeTable(Doc rt) {
    String service = String.join(", ", hostsOf(rt));
    for (YamlNode d : destinations(rt)) {
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
      Route route = new Route(service, port, rt, target, kind + " " + ns + "/" + name);
      YamlNode refs = rt.spec().path("virtualGateways");
      if (refs.isEmpty()) {
        fromSidecars(route);
      }
      for (YamlNode g : refs) {
        String gns = g.path("namespace").asText();
        String gname = g.path("name").asText();
        Node from = find("VirtualGateway", gns, gname).map(gateways::get)
            .orElse(Node.missing("VirtualGateway " + gns + "/" + gname));
        if (kind.equals("VirtualDestination")) {
          intoMesh(from, route);
        } else {
          origination(from, route);
        }
      }
    }
  }

  /** One forwardTo destination of a route table: the service, the port, the target if it resolves. */
  private record Route(String service, int port, Doc table, Optional<Doc> target, String targetId) {}

  /**
   * The sidecars of the selected namespaces send to the destination. From a cluster other than
   * the one the destination's workloads run in, traffic enters that cluster through its
   * east-west gateway, which needs a route table of its own for the host.
   */
  private void fromSidecars(Route route) {
    for (YamlNode selector : route.table().spec().path("workloadSelectors")) {
      String ns = selector.path("selector").path("namespace").asText("");
      if (ns.isEmpty()) {
        continue;
      }
      TreeSet<String> clusters = clustersOf.getOrDefault(ns, new TreeSet<>());
      if (clusters.isEmpty()) {
        Node from = Node.missing("Workspace for namespace " + ns);
        if (route.target().filter(t -> t.kind().equals("ExternalService")).isPresent()) {
          origination(from, route);
        } else {
          intoMesh(from, route);
        }
        continue;
      }
      for (String cluster : clusters) {
        Node from = Node.namespace(cluster, ns);
        Optional<Doc> vd = route.target().filter(t -> t.kind().equals("VirtualDestination"));
        String home = vd.map(PathGraph::cluster).orElse(cluster);
        if (route.target().filter(t -> t.kind().equals("ExternalService")).isPresent()) {
          origination(from, route);
        } else if (home.isEmpty() || home.equals(cluster)) {
          intoMesh(from, route);
        } else {
          Node eastWest = eastWestGateway(home, route.service(), vd.get())
              .orElse(Node.missing("east-west route for " + route.service() + " into " + home));
          Mesh mesh = meshTls(vd.get(), route.port());
          hops.add(new Hop(from, eastWest, route.service(), route.port(), mesh.label(), vd.get().id(), mesh.detail(),
              List.of(route.table().file()), mesh.status()));
        }
      }
    }
  }

  /**
   * A hop into the mesh toward a VirtualDestination: it lands on the gateway whose workloads the
   * destination selects, which must listen on the port.
   */
  private void intoMesh(Node from, Route route) {
    List<String> files = List.of(route.table().file());
    if (route.target().isEmpty()) {
      hops.add(new Hop(from, Node.missing(route.targetId()), route.service(), route.port(), route.service() + ":" + route.port(), "", "", files, Status.BROKEN));
      return;
    }
    Doc vd = route.target().get();
    if (!hasPort(vd, route.port())) {
      hops.add(new Hop(from, Node.missing("port " + route.port() + " on " + vd.id()), route.service(), route.port(), route.service() + ":" + route.port(), "", "",
          files, Status.BROKEN));
      return;
    }
    List<Doc> serving = ofKind("VirtualGateway").stream().filter(vg -> serves(vg, vd)).toList();
    if (serving.isEmpty()) {
      hops.add(new Hop(from, Node.missing("VirtualGateway selecting the workloads of " + vd.namespace() + "/" + vd.name()),
          route.service(), route.port(), route.service() + ":" + route.port(), vd.id(), "", List.of(route.table().file(), vd.file()), Status.BROKEN));
    }
    Mesh mesh = meshTls(vd, route.port());
    for (Doc vg : serving) {
      String listener = listenerTls(vg, route.port());
      if (listener == null) {
        hops.add(new Hop(from, gateways.get(vg), route.service(), route.port(),
            "no listener on :" + route.port(), vd.id(), mesh.detail(), List.of(route.table().file(), vg.file()), Status.BROKEN));
      } else {
        hops.add(new Hop(from, gateways.get(vg), route.service(), route.port(), mesh.label(), vd.id(), mesh.detail(),
            List.of(route.table().file()), mesh.status()));
      }
    }
  }

  /** TLS from a gateway (or sidecar) to an ExternalService's hosts, as the DestinationRule for each host originates it. */
  private void origination(Node from, Route route) {
    List<String> files = List.of(route.table().file());
    if (route.target().isEmpty()) {
      hops.add(new Hop(from, Node.missing(route.targetId()), route.service(), route.port(), route.service() + ":" + route.port(), "", "", files, Status.BROKEN));
      return;
    }
    Doc es = route.target().get();
    if (!hasPort(es, route.port())) {
      hops.add(new Hop(from, Node.missing("port " + route.port() + " on " + es.id()), route.service(), route.port(), route.service() + ":" + route.port(), "", "",
          files, Status.BROKEN));
      return;
    }
    for (YamlNode h : es.spec().path("hosts")) {
      String host = h.asText();
      int port = route.port();
      Optional<Doc> rule = ruleFor(host, port);
      Optional<YamlNode> tls = rule.flatMap(r -> portTls(r, port));
      List<String> definedBy = new ArrayList<>(files);
      rule.ifPresent(r -> definedBy.add(r.file()));
      if (tls.isEmpty()) {
        hops.add(new Hop(from, Node.host(host), route.service(), port, "no TLS origination :" + port, es.id(),
            "no DestinationRule for " + host + ":" + port, definedBy, Status.BROKEN));
        continue;
      }
      String mode = tls.get().path("mode").asText();
      boolean verified = tls.get().has("caCertificates") || tls.get().has("credentialName");
      String sni = tls.get().path("sni").asText("");
      Status status = mode.equals("DISABLE") ? Status.PLAIN_TEXT : Status.OK;
      String label = "TLS " + mode + " :" + port + (status == Status.OK ? verified ? ", verified" : "" : "\nplain text");
      hops.add(new Hop(from, Node.host(host), route.service(), port, label, es.id(),
          status == Status.OK ? (sni.isEmpty() ? "" : "sni=" + sni) : "plain text to port " + port, definedBy, status));
    }
  }

  /** The security of a hop toward a VirtualDestination: the picture's label, the table's detail, the status. */
  private record Mesh(String label, String detail, Status status) {}

  /** TLS toward a VirtualDestination: what the DestinationRule for its host sets on the port, and what the mesh accepts. */
  private Mesh meshTls(Doc destination, int port) {
    String host = destination.spec().path("hosts").path(0).asText();
    Optional<YamlNode> tls = ruleFor(host, port).flatMap(r -> portTls(r, port));
    if (tls.isEmpty()) {
      return new Mesh("no DestinationRule for " + host + ":" + port, "", Status.BROKEN);
    }
    String mode = tls.get().path("mode").asText();
    String sni = tls.get().path("sni").asText("");
    String detail = sni.isEmpty() ? "" : "sni=" + sni;
    if (!mode.equals("ISTIO_MUTUAL")) {
      return new Mesh("TLS " + mode, detail, mode.equals("DISABLE") ? Status.PLAIN_TEXT : Status.OK);
    }
    if (weakPeerAuthentication.isPresent()) {
      Doc p = weakPeerAuthentication.get();
      return new Mesh("mTLS, " + peerMode(p) + "\n" + p.id(), detail, Status.PLAIN_TEXT);
    }
    return new Mesh("mTLS ISTIO_MUTUAL", detail, Status.OK);
  }

  private static String peerMode(Doc peerAuthentication) {
    return peerAuthentication.spec().path("mtls").path("mode").asText("UNSET");
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
          return vg.map(gateways::get);
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
    for (YamlNode d : destinations(rt)) {
      YamlNode ref = d.path("ref");
      if (d.path("kind").asText().equals("VIRTUAL_DESTINATION") && ref.path("name").asText().equals(destination.name())
          && ref.path("namespace").asText().equals(destination.namespace())) {
        return true;
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
}
