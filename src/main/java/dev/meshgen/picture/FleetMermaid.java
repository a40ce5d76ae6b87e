package dev.meshgen.picture;

import dev.meshgen.picture.Mermaid.Edge;
import dev.meshgen.picture.Mermaid.Note;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a fleet's hops (issue 13) as a top-down Mermaid flowchart that stays bounded at fifty
 * clusters: one subgraph per region holding a box for the clusters that run its gateways and boxes
 * for its workload clusters, those with the same namespaces and hops collapsed into one, at most
 * {@link #BOXES_PER_REGION} of them; the external hosts once, in a box every region's egress
 * gateways send into; and a note saying which clusters back each VirtualDestination and whether
 * Gloo prefers the sender's region and fails over.
 */
final class FleetMermaid {
  /** Workload boxes per region; more clusters than that share the last box. */
  static final int BOXES_PER_REGION = 2;
  /** Regions a title or note lists; the rest are counted. */
  static final int NAMES_SHOWN = 6;
  /** Egress clusters the note lists per region. */
  private static final int NAMES_PER_LINE = 2;
  /** Cluster names a box title lists; the rest are counted ("and 38 more"). */
  static final int NAMES_IN_TITLE = 2;
  /** Namespaces a box shows; the rest are one node ("and 18 more namespaces"). */
  static final int NAMESPACES_SHOWN = 6;
  /** Region subgraphs side by side; the regions after the first ones share the last subgraph. */
  static final int REGIONS_SHOWN = 3;
  /** What the edges into the external hosts' box point at. */
  private static final Node HOSTS = new Node(Node.Type.HOST, "", List.of("external hosts"), null);

  private FleetMermaid() {}

  /**
   * Clusters drawn as one box: the subgraph's id, whether it holds the region's gateways, its
   * clusters, and the nodes it holds.
   */
  private record Box(String id, boolean gateways, List<String> clusters, List<Node> nodes) {
    Box {
      clusters = new ArrayList<>(clusters);
      nodes = List.copyOf(nodes);
    }

    /**
     * The subgraph's title, one line (Mermaid does not make room for more): "cluster a", "3
     * clusters alike: a, b and 1 more", "5 other clusters: …" (an overflow box), "2 egress
     * clusters: a, b".
     */
    String title(boolean egress, boolean overflow) {
      String what = gateways && egress ? "egress cluster" : "cluster";
      List<String> sorted = clusters.stream().sorted().toList();
      if (sorted.size() == 1) {
        return what + " " + Mermaid.text(sorted.get(0));
      }
      if (sorted.isEmpty()) {
        return "gateways";
      }
      List<String> shown = sorted.subList(0, Math.min(sorted.size(), NAMES_IN_TITLE));
      return sorted.size() + (gateways ? " " + what + "s" : overflow ? " other clusters" : " clusters alike") + ": "
          + Mermaid.text(String.join(", ", shown)) + (sorted.size() > shown.size() ? " and " + (sorted.size() - shown.size()) + " more" : "");
    }
  }

  /** The regions drawn as one subgraph, alike or ({@code other}) the ones after {@link #REGIONS_SHOWN}, and the boxes it holds. */
  private record Region(List<String> names, List<Box> boxes, boolean other) {
    Region(List<String> names, List<Box> boxes) {
      this(names, boxes, false);
    }
  }

  static String flowchart(PathGraph.Traffic traffic) {
    List<Hop> hops = traffic.hops();
    Fleet fleet = traffic.fleet().orElseThrow();
    Map<Node, Node> drawn = new HashMap<>();
    for (Hop h : hops) {
      drawn.put(h.from(), h.from());
      drawn.put(h.to(), h.to());
    }
    Set<String> overflows = new TreeSet<>();
    List<Region> regions = otherRegions(alikeRegions(regions(hops, fleet, drawn, overflows), hops, drawn), drawn, overflows);
    boolean groupHosts = sameHostsFromEveryGateway(hops, drawn);
    if (groupHosts) {
      drawn.replaceAll((node, as) -> node.type() == Node.Type.HOST ? HOSTS : as);
    }
    Map<Node, String> boxIds = new HashMap<>();
    boxEdges(regions, hops, drawn, boxIds);
    Map<Edge, Set<String>> edges = Mermaid.edges(hops, drawn);
    TreeSet<Node> nodes = new TreeSet<>(Node.ORDER);
    regions.forEach(r -> r.boxes().forEach(box -> nodes.addAll(box.nodes())));
    drawn.values().stream().filter(n -> n != HOSTS && !boxIds.containsKey(n)).forEach(nodes::add);
    TreeSet<Node> hosts = new TreeSet<>(Node.ORDER);
    hops.stream().map(Hop::to).filter(n -> n.type() == Node.Type.HOST).forEach(hosts::add);
    if (groupHosts) {
      nodes.addAll(hosts);
    }
    Map<Node, String> ids = new LinkedHashMap<>(Mermaid.ids(nodes));
    ids.put(HOSTS, "hosts");
    ids.putAll(boxIds);

    StringBuilder b = Mermaid.header();
    Set<Node> boxed = new TreeSet<>(Node.ORDER);
    // Invisible links, after the edges (linkStyle counts links in order): a region's workload
    // boxes one above the other, so a region is one box wide.
    List<String> stack = new ArrayList<>();
    for (int r = 0; r < regions.size(); r++) {
      Region region = regions.get(r);
      String first = region.names().get(0);
      b.append("  subgraph r_").append(Mermaid.id(first.isEmpty() ? "none" : first)).append("[\"")
          .append(regionTitle(region.names(), region.other())).append("\"]\n");
      String above = null;
      for (Box box : region.boxes()) {
        boolean egress = box.nodes().stream().anyMatch(n -> n.type() == Node.Type.GATEWAY && n.lines().get(0).contains("egress"));
        b.append("    subgraph ").append(box.id()).append("[\"").append(box.title(egress, overflows.contains(box.id())))
            .append("\"]\n");
        box.nodes().forEach(n -> b.append("      ").append(Mermaid.node(ids.get(n), n)).append('\n'));
        b.append("    end\n");
        boxed.addAll(box.nodes());
        if (!box.gateways()) {
          if (above != null) {
            stack.add(above + " ~~~ " + box.id());
          }
          above = box.id();
        }
      }
      b.append("  end\n");
    }
    if (groupHosts) {
      Set<Node> unsafe = new TreeSet<>(Node.ORDER);
      hops.stream().filter(h -> h.to().type() == Node.Type.HOST && h.unsafe()).forEach(h -> unsafe.add(h.to()));
      b.append("  subgraph hosts[\"external hosts\"]\n");
      hosts.forEach(n -> b.append("    ").append(Mermaid.node(ids.get(n), n)).append(unsafe.contains(n) ? ":::missing" : "").append('\n'));
      b.append("  end\n");
      boxed.addAll(hosts);
    }
    for (Node n : nodes) {
      if (!boxed.contains(n)) {
        b.append("  ").append(Mermaid.node(ids.get(n), n)).append('\n');
      }
    }
    List<Note> notes = new ArrayList<>();
    List<PathGraph.Spread> spreads = traffic.spreads();
    for (int i = 0; i < spreads.size(); i++) {
      notes.add(new Note("backed" + (i == 0 ? "" : "_" + (i + 1)), backedBy(spreads.get(i), fleet)));
    }
    List<String> services = Mermaid.services(hops);
    if (!services.isEmpty()) {
      notes.add(Mermaid.servicesNote(services));
    }
    notes.add(Mermaid.LEGEND);
    List<String> hostIds = hosts.stream().map(ids::get).toList();
    String anchor = !hostIds.isEmpty() ? hostIds.get(hostIds.size() / 2) : nodes.isEmpty() ? null : ids.get(nodes.last());
    Mermaid.edgesAndNotes(b, edges, ids, notes, anchor);
    stack.forEach(l -> b.append("  ").append(l).append('\n'));
    return b.toString();
  }

  /**
   * The boxes of each region, regions in {@link Fleet#REGION_ORDER}: first the clusters that run
   * the region's gateways (with their namespaces when they all have the same), then the workload
   * clusters, alike ones collapsed into one box, at most {@link #BOXES_PER_REGION}. Records in
   * {@code drawn} the node drawn for each collapsed one, and in {@code overflows} the ids of the
   * boxes that hold clusters that are not alike.
   */
  private static Map<String, List<Box>> regions(List<Hop> hops, Fleet fleet, Map<Node, Node> drawn, Set<String> overflows) {
    // A cluster's signature: its region, namespaces, and where each sends with what TLS.
    Map<String, TreeSet<String>> signatures = new TreeMap<>();
    Map<String, TreeMap<String, Node>> namespaces = new TreeMap<>();
    Map<String, TreeSet<Node>> gateways = new TreeMap<>(Fleet.REGION_ORDER);
    for (Hop h : hops) {
      for (Node n : List.of(h.from(), h.to())) {
        if (n.type() == Node.Type.NAMESPACE) {
          namespaces.computeIfAbsent(n.cluster(), c -> new TreeMap<>()).put(n.lines().get(0), n);
          signatures.computeIfAbsent(n.cluster(), c -> new TreeSet<>(Set.of("region " + fleet.region(c)))).add(n.lines().get(0));
        }
        if (n.type() == Node.Type.GATEWAY && n.region() != null) {
          gateways.computeIfAbsent(n.region(), r -> new TreeSet<>(Node.ORDER)).add(n);
        }
      }
      if (h.from().type() == Node.Type.NAMESPACE) {
        signatures.get(h.from().cluster()).add(h.from().lines().get(0) + " > " + h.to().key() + " " + h.label() + " " + h.status());
      }
    }
    // Alike clusters, each group in the order of its first cluster's name.
    Map<TreeSet<String>, List<String>> alike = new LinkedHashMap<>();
    signatures.forEach((cluster, signature) -> alike.computeIfAbsent(signature, s -> new ArrayList<>()).add(cluster));
    Map<String, List<List<String>>> groups = new TreeMap<>(Fleet.REGION_ORDER);
    alike.values().forEach(g -> groups.computeIfAbsent(fleet.region(g.get(0)), r -> new ArrayList<>()).add(g));
    gateways.keySet().forEach(r -> groups.computeIfAbsent(r, k -> new ArrayList<>()));

    Map<String, List<Box>> out = new TreeMap<>(Fleet.REGION_ORDER);
    groups.forEach((region, clusterGroups) -> {
      List<Box> boxes = new ArrayList<>();
      TreeSet<Node> gatewayNodes = gateways.getOrDefault(region, new TreeSet<>(Node.ORDER));
      TreeSet<String> running = new TreeSet<>();
      gatewayNodes.forEach(n -> running.addAll(n.runsIn()));
      List<List<String>> workload = new ArrayList<>(clusterGroups);
      if (!gatewayNodes.isEmpty()) {
        List<Node> held = new ArrayList<>();
        for (Node g : gatewayNodes) {
          // Say where a gateway runs when it is not every cluster of its box.
          Node shown = g.runsIn().isEmpty() || g.runsIn().equals(List.copyOf(running)) ? g
              : new Node(g.type(), g.key(), append(g.lines(), "in " + String.join(", ", g.runsIn())), g.cluster(), g.region(), g.runsIn());
          drawn.put(g, shown);
          held.add(shown);
        }
        List<String> same = workload.stream().filter(g -> new TreeSet<>(g).equals(running)).findFirst().orElse(null);
        List<Node> nodes = new ArrayList<>(held);
        if (same != null) {
          workload.remove(same);
          nodes.addAll(0, collapse(same, namespaces, drawn));
        }
        boxes.add(new Box("g_" + Mermaid.id(region.isEmpty() ? "none" : region), true, List.copyOf(running), nodes));
      }
      for (int i = 0; i < workload.size(); i++) {
        boolean overflow = i == BOXES_PER_REGION - 1 && workload.size() > BOXES_PER_REGION;
        List<String> clusters = overflow
            ? workload.subList(i, workload.size()).stream().flatMap(List::stream).sorted().toList()
            : workload.get(i);
        String id = "c_" + Mermaid.id(clusters.get(0));
        if (overflow) {
          overflows.add(id);
        }
        boxes.add(new Box(id, false, clusters, collapse(clusters, namespaces, drawn)));
        if (overflow) {
          break;
        }
      }
      out.put(region, boxes);
    });
    return out;
  }

  /**
   * Regions drawn as one subgraph when their boxes hold the same namespaces and gateways, sending
   * alike: the first region's boxes stand for all of them and name all their clusters, so fifty
   * clusters in five like regions are one column, not five.
   */
  private static List<Region> alikeRegions(Map<String, List<Box>> regions, List<Hop> hops, Map<Node, Node> drawn) {
    Map<Node, TreeSet<String>> sends = new HashMap<>();
    for (Hop h : hops) {
      sends.computeIfAbsent(drawn.get(h.from()), n -> new TreeSet<>())
          .add(local(drawn.get(h.to())) + " " + h.label() + " " + h.status());
    }
    Map<List<String>, Region> byShape = new LinkedHashMap<>();
    Map<Node, Node> as = new HashMap<>();
    regions.forEach((name, boxes) -> {
      List<String> shape = boxes.stream().map(box -> shape(box, sends)).toList();
      Region first = byShape.get(shape);
      if (first == null) {
        byShape.put(shape, new Region(new ArrayList<>(List.of(name)), boxes));
        return;
      }
      first.names().add(name);
      for (int i = 0; i < boxes.size(); i++) {
        Box mine = boxes.get(i);
        Box theirs = first.boxes().get(i);
        theirs.clusters().addAll(mine.clusters());
        for (int j = 0; j < mine.nodes().size(); j++) {
          as.put(mine.nodes().get(j), theirs.nodes().get(j));
        }
      }
    });
    drawn.replaceAll((node, shown) -> as.getOrDefault(shown, shown));
    return List.copyOf(byShape.values());
  }

  /** What a box holds and where its nodes send, without the names of its region and clusters. */
  private static String shape(Box box, Map<Node, TreeSet<String>> sends) {
    List<String> parts = new ArrayList<>(List.of(box.gateways() ? "gateways" : "workload"));
    for (Node n : box.nodes()) {
      parts.add(local(n) + " > " + sends.getOrDefault(n, new TreeSet<>()));
    }
    return String.join("; ", parts);
  }

  /** A node as a region's other nodes see it: without its region and cluster. */
  private static String local(Node n) {
    return n.type() + " " + (n.region() != null || n.type() == Node.Type.NAMESPACE ? n.lines() : n.key());
  }

  /**
   * One edge from a workload box instead of one from each of its namespaces when they all send to
   * the same nodes alike (Mermaid then stacks the namespaces, keeping the region narrow): records
   * a node standing for the box in {@code drawn} and its id in {@code boxIds}.
   */
  private static void boxEdges(List<Region> regions, List<Hop> hops, Map<Node, Node> drawn, Map<Node, String> boxIds) {
    Map<Node, TreeSet<String>> sends = new HashMap<>();
    for (Hop h : hops) {
      sends.computeIfAbsent(drawn.get(h.from()), n -> new TreeSet<>())
          .add(drawn.get(h.to()).key() + " " + h.label() + " " + h.unsafe());
    }
    for (Region region : regions) {
      for (Box box : region.boxes()) {
        if (box.gateways() || box.nodes().isEmpty()
            || box.nodes().stream().map(n -> sends.getOrDefault(n, new TreeSet<>())).distinct().count() != 1) {
          continue;
        }
        Node stand = new Node(Node.Type.NAMESPACE, "box " + box.id(), List.of(box.id()), null);
        boxIds.put(stand, box.id());
        Set<Node> inBox = Set.copyOf(box.nodes());
        drawn.replaceAll((node, shown) -> inBox.contains(shown) && node.type() == Node.Type.NAMESPACE ? stand : shown);
      }
    }
  }

  /** One line: "region a", "5 regions alike: a, b, …" or ({@code other}) "3 other regions: …". */
  private static String regionTitle(List<String> names, boolean other) {
    if (names.size() == 1) {
      return Mermaid.text(Fleet.label(names.get(0)));
    }
    List<String> labels = names.stream().map(n -> n.isEmpty() ? "no region" : n).toList();
    List<String> shown = labels.subList(0, Math.min(labels.size(), NAMES_SHOWN));
    return names.size() + (other ? " other regions: " : " regions alike: ") + Mermaid.text(String.join(", ", shown))
        + (labels.size() > shown.size() ? " and " + (labels.size() - shown.size()) + " more" : "");
  }

  /**
   * At most {@link #REGIONS_SHOWN} region subgraphs side by side: the regions after the first
   * ones are drawn as one, holding one box for the clusters that run their gateways (a gateway
   * drawn once for all of them) and one for their other clusters ({@code overflows}).
   */
  private static List<Region> otherRegions(List<Region> regions, Map<Node, Node> drawn, Set<String> overflows) {
    if (regions.size() <= REGIONS_SHOWN) {
      return regions;
    }
    List<Region> rest = regions.subList(REGIONS_SHOWN - 1, regions.size());
    List<String> names = new ArrayList<>();
    List<String> running = new ArrayList<>();
    List<String> workload = new ArrayList<>();
    Map<String, Node> gateways = new TreeMap<>();
    Map<String, Node> namespaces = new TreeMap<>();
    Map<Node, Node> as = new HashMap<>();
    for (Region region : rest) {
      names.addAll(region.names());
      for (Box box : region.boxes()) {
        (box.gateways() ? running : workload).addAll(box.clusters());
        for (Node n : box.nodes()) {
          Map<String, Node> into = n.type() == Node.Type.GATEWAY ? gateways : namespaces;
          // A node counting namespaces stays apart, so the counts add up.
          String key = n.key().endsWith(" and more") ? n.key() : local(n);
          as.put(n, into.computeIfAbsent((box.gateways() ? "g " : "w ") + key, k -> n));
        }
      }
    }
    drawn.replaceAll((node, shown) -> as.getOrDefault(shown, shown));
    List<Box> boxes = new ArrayList<>();
    Region first = rest.get(0);
    String region = first.names().get(0);
    List<Node> held = new ArrayList<>();
    namespaces.forEach((k, n) -> {
      if (k.startsWith("g ")) {
        held.add(n);
      }
    });
    held.addAll(gateways.values());
    if (!held.isEmpty()) {
      boxes.add(new Box("g_" + Mermaid.id(region.isEmpty() ? "none" : region), true, running, held));
    }
    List<Node> others = capped(namespaces.entrySet().stream().filter(e -> e.getKey().startsWith("w ")).map(Map.Entry::getValue).toList(), drawn);
    if (!others.isEmpty()) {
      String id = "c_" + Mermaid.id(workload.stream().sorted().findFirst().orElseThrow());
      overflows.add(id);
      boxes.add(new Box(id, false, workload, others));
    }
    List<Region> out = new ArrayList<>(regions.subList(0, REGIONS_SHOWN - 1));
    out.add(new Region(names, boxes, true));
    return out;
  }

  /**
   * Draws the namespaces of {@code clusters} as the first cluster's that has each: for alike
   * clusters, the first one's; for the clusters that share an overflow box, one node per namespace.
   */
  private static List<Node> collapse(List<String> clusters, Map<String, TreeMap<String, Node>> namespaces, Map<Node, Node> drawn) {
    TreeMap<String, Node> shown = new TreeMap<>();
    for (String cluster : clusters) {
      namespaces.get(cluster).forEach((name, n) -> drawn.put(n, shown.computeIfAbsent(name, k -> n)));
    }
    return capped(List.copyOf(shown.values()), drawn);
  }

  /**
   * At most {@link #NAMESPACES_SHOWN} of a box's namespace nodes: the ones after the first few are
   * drawn as one node that counts them (their hops, in the table, name each).
   */
  private static List<Node> capped(List<Node> namespaces, Map<Node, Node> drawn) {
    if (namespaces.size() <= NAMESPACES_SHOWN) {
      return namespaces;
    }
    List<Node> kept = namespaces.subList(0, NAMESPACES_SHOWN - 1);
    Node first = namespaces.get(NAMESPACES_SHOWN - 1);
    Set<Node> rest = new java.util.HashSet<>(namespaces.subList(NAMESPACES_SHOWN - 1, namespaces.size()));
    int hidden = 0;
    for (Node n : rest) {
      // A node that already counts namespaces (a region drawn with others) adds its count.
      String line = n.lines().get(0);
      hidden += line.startsWith("and ") && line.endsWith(" more namespaces")
          ? Integer.parseInt(line.substring(4, line.indexOf(' ', 4))) : 1;
    }
    Node more = new Node(Node.Type.NAMESPACE, first.key() + " and more", List.of("and " + hidden + " more namespaces"), first.cluster());
    drawn.replaceAll((node, as) -> rest.contains(as) ? more : as);
    List<Node> out = new ArrayList<>(kept);
    out.add(more);
    return out;
  }

  /**
   * True when at least two gateways send to external hosts and every one sends to the same hosts
   * with the same TLS: then the hosts are drawn once, in a box each gateway has one edge into.
   */
  private static boolean sameHostsFromEveryGateway(List<Hop> hops, Map<Node, Node> drawn) {
    Map<Node, TreeSet<String>> sent = new TreeMap<>(Node.ORDER);
    for (Hop h : hops) {
      if (h.to().type() == Node.Type.HOST) {
        sent.computeIfAbsent(drawn.get(h.from()), n -> new TreeSet<>()).add(h.to().key() + " " + h.label() + " " + h.status());
      }
    }
    return sent.size() > 1 && new TreeSet<>(sent.values().stream().map(String::valueOf).toList()).size() == 1;
  }

  /** The note on a VirtualDestination backed in many clusters: which, by region, and how Gloo picks one. */
  private static String backedBy(PathGraph.Spread spread, Fleet fleet) {
    Map<String, List<String>> byRegion = new TreeMap<>(Fleet.REGION_ORDER);
    spread.clusters().forEach(c -> byRegion.computeIfAbsent(fleet.region(c), r -> new ArrayList<>()).add(c));
    List<String> lines = new ArrayList<>();
    lines.add("<b>" + Mermaid.text(spread.destination()) + "</b>");
    lines.add("backed by " + spread.clusters().size() + " clusters in " + byRegion.size() + (byRegion.size() == 1 ? " region" : " regions"));
    int shown = 0;
    for (var e : byRegion.entrySet()) {
      if (shown++ == NAMES_SHOWN) {
        lines.add("and " + (byRegion.size() - NAMES_SHOWN) + " more regions");
        break;
      }
      List<String> names = e.getValue();
      String list = String.join(", ", names.subList(0, Math.min(names.size(), NAMES_PER_LINE)))
          + (names.size() > NAMES_PER_LINE ? " and " + (names.size() - NAMES_PER_LINE) + " more" : "");
      lines.add(Mermaid.text(Fleet.label(e.getKey()) + ": " + list));
    }
    if (spread.outlierDetection().isEmpty()) {
      lines.add("no OutlierDetectionPolicy: Gloo picks one of them at random, in any region");
    } else {
      lines.add("prefers the sender's own region; fails over to another region's");
      lines.add("when they fail (" + Mermaid.text(spread.outlierDetection()) + ")");
    }
    return String.join("<br/>", lines);
  }

  private static List<String> append(List<String> lines, String line) {
    List<String> out = new ArrayList<>(lines);
    out.add(line);
    return out;
  }
}
