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
 * resolve becomes a broken hop. In a fleet (issue 13) a gateway is one node per region, and
 * traffic goes to its own region's gateways.
 */
final class PathGraph {
  /** The hops of a tree, sorted, and for a fleet its regions and the destinations backed in many clusters. */
  record Traffic(List<Hop> hops, Optional<Fleet> fleet, List<Spread> spreads) {
    Traffic {
      hops = List.copyOf(hops);
      spreads = List.copyOf(spreads);
    }
  }

  /**
   * A VirtualDestination on the path that is backed in more than one cluster ({@code clusters},
   * by region then name), and the OutlierDetectionPolicy that applies to it ("" for none): with
   * one, Gloo prefers the sender's own region and fails over to another; without, it picks a
   * backing cluster at random (VirtualDestinationSpec.services in the Gloo 2.2.8 API).
   */
  record Spread(String destination, List<String> clusters, String outlierDetection) {
    Spread {
      clusters = List.copyOf(clusters);
    }
  }

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

  private final Optional<Fleet> fleet;
  private final Map<String, List<Doc>> byKind = new TreeMap<>();
  /** namespace to the clusters whose Workspaces list it. */
  private final Map<String, TreeSet<String>> clustersOf = new HashMap<>();
  /** Each VirtualGateway's nodes by region (the single form: one node, under ""). */
  private final Map<Doc, Map<String, Node>> gateways = new HashMap<>();
  /** The selector-less PeerAuthentication that accepts the most plain text, if it accepts any. */
  private final Optional<Doc> weakPeerAuthentication;
  private final List<Hop> hops = new ArrayList<>();

  private PathGraph(RenderedTree tree) {
    fleet = Fleet.of(tree);
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
      gateways.put(vg, gatewayNodes(vg));
    }
    weakPeerAuthentication = ofKind("PeerAuthentication").stream()
        .filter(p -> !p.spec().has("selector"))
        .filter(p -> PEER_MODES.indexOf(peerMode(p)) >= PEER_MODES.indexOf("PERMISSIVE"))
        .max((a, b) -> Integer.compare(PEER_MODES.indexOf(peerMode(a)), PEER_MODES.indexOf(peerMode(b))));
  }

  /** Every hop of {@code tree}, sorted, with what a fleet's picture adds. */
  static Traffic trace(RenderedTree tree) {
    PathGraph g = new PathGraph(tree);
    for (Doc rt : g.ofKind("RouteTable")) {
      g.routeTable(rt);
    }
    List<Hop> hops = g.hops.stream().sorted(Hop.ORDER).distinct().toList();
    return new Traffic(hops, g.fleet, g.fleet.isPresent() ? g.spreads(hops) : List.of());
  }

  /** Every hop of {@code tree}, sorted. */
  static List<Hop> hops(RenderedTree tree) {
    return trace(tree).hops();
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
  private Map<String, Node> gatewayNodes(Doc vg) {
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
    String key = vg.namespace() + "/" + vg.name();
    if (fleet.isPresent()) {
      // The clusters are the region's box title in the picture; a node does not repeat them.
      Map<String, List<String>> byRegion = new TreeMap<>(Fleet.REGION_ORDER);
      clusters.forEach(c -> byRegion.computeIfAbsent(fleet.get().region(c), r -> new ArrayList<>()).add(c));
      if (byRegion.isEmpty()) {
        byRegion.put("", List.of());
      }
      Map<String, Node> nodes = new TreeMap<>(Fleet.REGION_ORDER);
      byRegion.forEach((region, in) -> nodes.put(region, Node.regionalGateway(key, lines, region, in)));
      return nodes;
    }
    if (clusters.size() > 1) {
      lines.add("in " + String.join(", ", clusters));
    }
    return Map.of("", Node.gateway(key, lines, clusters.size() == 1 ? clusters.iterator().next() : null));
  }

  /**
   * The nodes of {@code vg} that traffic from {@code region} reaches (null: from no region, or the
   * single form): that region's, else every region's of those that {@code runs} accepts.
   */
  private List<Node> nodesOf(Doc vg, String region, java.util.function.Predicate<Node> runs) {
    List<Node> all = gateways.get(vg).values().stream().filter(runs).toList();
    List<Node> own = all.stream().filter(n -> region != null && region.equals(n.region())).toList();
    return own.isEmpty() ? all : own;
  }

  private List<Node> nodesOf(Doc vg, String region) {
    return nodesOf(vg, region, n -> true);
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
        Optional<Doc> vg = find("VirtualGateway", gns, gname);
        List<Node> froms = vg.map(v -> List.copyOf(gateways.get(v).values()))
            .orElse(List.of(Node.missing("VirtualGateway " + gns + "/" + gname)));
        for (Node from : froms) {
          if (kind.equals("VirtualDestination")) {
            intoMesh(from, route, from.region());
          } else {
            origination(from, route);
          }
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
          intoMesh(from, route, null);
        }
        continue;
      }
      for (String cluster : clusters) {
        Node from = Node.namespace(cluster, ns);
        Optional<Doc> vd = route.target().filter(t -> t.kind().equals("VirtualDestination"));
        String home = vd.map(PathGraph::cluster).orElse(cluster);
        if (route.target().filter(t -> t.kind().equals("ExternalService")).isPresent()) {
          origination(from, route);
        } else if (fleet.isPresent()) {
          fromFleetSidecars(from, cluster, route, vd);
        } else if (home.isEmpty() || home.equals(cluster)) {
          intoMesh(from, route, null);
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
   * In a fleet, a namespace sends to the destination's workloads in its own cluster, else through
   * an east-west gateway of a cluster that backs the destination, its own region's if there is one.
   */
  private void fromFleetSidecars(Node from, String cluster, Route route, Optional<Doc> vd) {
    String region = fleet.get().region(cluster);
    Set<String> homes = vd.map(PathGraph::clusters).orElse(Set.of());
    if (vd.isEmpty() || homes.isEmpty() || homes.contains(cluster)) {
      intoMesh(from, route, region);
      return;
    }
    List<Node> eastWest = eastWestGateways(homes, region, route.service(), vd.get());
    Mesh mesh = meshTls(vd.get(), route.port());
    if (eastWest.isEmpty()) {
      eastWest = List.of(Node.missing("east-west route for " + route.service() + " into " + String.join(", ", homes)));
    }
    for (Node to : eastWest) {
      hops.add(new Hop(from, to, route.service(), route.port(), mesh.label(), vd.get().id(), mesh.detail(),
          List.of(route.table().file()), mesh.status()));
    }
  }

  /**
   * A hop into the mesh toward a VirtualDestination: it lands on the gateway whose workloads the
   * destination selects, which must listen on the port; in a fleet, on {@code region}'s.
   */
  private void intoMesh(Node from, Route route, String region) {
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
      for (Node to : nodesOf(vg, region)) {
        if (listener == null) {
          hops.add(new Hop(from, to, route.service(), route.port(),
              "no listener on :" + route.port(), vd.id(), mesh.detail(), List.of(route.table().file(), vg.file()), Status.BROKEN));
        } else {
          hops.add(new Hop(from, to, route.service(), route.port(), mesh.label(), vd.id(), mesh.detail(),
              List.of(route.table().file()), mesh.status()));
        }
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
          return Optional.of(gateways.get(vg.get()).get(""));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The nodes of the gateways in {@code homes} that a route table attaches to, routing {@code host}
   * to {@code destination}: {@code region}'s, else every region's.
   */
  private List<Node> eastWestGateways(Set<String> homes, String region, String host, Doc destination) {
    for (Doc rt : ofKind("RouteTable")) {
      if (!hostsOf(rt).contains(host) || !forwardsTo(rt, destination)) {
        continue;
      }
      for (YamlNode g : rt.spec().path("virtualGateways")) {
        Optional<Doc> vg = find("VirtualGateway", g.path("namespace").asText(), g.path("name").asText());
        if (vg.isPresent() && homes.stream().anyMatch(c -> runsIn(vg.get(), c))) {
          return nodesOf(vg.get(), region, n -> n.runsIn().stream().anyMatch(homes::contains));
        }
      }
    }
    return List.of();
  }

  /** Every cluster a VirtualDestination's workloads run in, as its services name them. */
  private static Set<String> clusters(Doc destination) {
    Set<String> out = new TreeSet<>();
    for (YamlNode s : destination.spec().path("services")) {
      if (s.hasNonNull("cluster")) {
        out.add(s.path("cluster").asText());
      }
    }
    return out;
  }

  /** The VirtualDestinations of {@code hops} backed in more than one cluster, each with its OutlierDetectionPolicy. */
  private List<Spread> spreads(List<Hop> hops) {
    Set<String> used = new TreeSet<>();
    hops.forEach(h -> used.add(h.via()));
    List<Spread> out = new ArrayList<>();
    for (Doc vd : ofKind("VirtualDestination")) {
      Set<String> clusters = clusters(vd);
      if (!used.contains(vd.id()) || clusters.size() < 2) {
        continue;
      }
      List<String> ordered = clusters.stream().sorted(java.util.Comparator.comparing((String c) -> fleet.get().region(c), Fleet.REGION_ORDER)
          .thenComparing(java.util.Comparator.naturalOrder())).toList();
      String policy = ofKind("OutlierDetectionPolicy").stream()
          .filter(p -> p.node().path("apiVersion").asText().equals(OUTLIER_DETECTION_API) && appliesTo(p, vd))
          .map(Doc::id).findFirst().orElse("");
      out.add(new Spread(vd.id(), ordered, policy));
    }
    return out;
  }

  private static final String OUTLIER_DETECTION_API = "resilience.policy.gloo.solo.io/v2";

  /**
   * True when one of the policy's destination selectors selects {@code vd}: kind
   * VIRTUAL_DESTINATION, and the name, namespace and labels it sets match (the cluster it may set
   * is where the VirtualDestination is defined, which the rendered file does not say).
   */
  private static boolean appliesTo(Doc policy, Doc vd) {
    for (YamlNode d : policy.spec().path("applyToDestinations")) {
      YamlNode s = d.path("selector");
      if (d.path("kind").asText().equals("VIRTUAL_DESTINATION")
          && s.path("name").asText(vd.name()).equals(vd.name())
          && s.path("namespace").asText(vd.namespace()).equals(vd.namespace())
          && contains(vd.node().path("metadata").path("labels"), s.path("labels"))) {
        return true;
      }
    }
    return false;
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
