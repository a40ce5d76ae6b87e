package dev.meshgen.picture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes hops as a top-down Mermaid flowchart that stays readable in a pull request's ~880 px
 * column (issue 12): one box per cluster holding its namespaces and the gateways it runs, workload
 * clusters with the same namespaces and hops collapsed into one box that names them all, one edge
 * per pair of nodes with one label (the TLS, and the config object that makes the hop), the
 * services listed once in a note, and a legend. Hops that send or accept plain text, and broken
 * ones, are red and dashed. Everything is sorted, so the same hops give the same bytes.
 */
final class Mermaid {
  /** Cluster names per line in the title of a collapsed box, so fifty names wrap instead of widening the picture. */
  private static final int NAMES_PER_LINE = 3;
  private static final String RED = "stroke:#c00,stroke-width:2px,stroke-dasharray:6 4,color:#c00";

  private Mermaid() {}

  /** One edge: the hops between two nodes, the safe ones apart from the unsafe ones. */
  record Edge(Node from, Node to, boolean unsafe) {
    static final java.util.Comparator<Edge> ORDER = (a, b) -> {
      int c = Node.ORDER.compare(a.from(), b.from());
      c = c != 0 ? c : Node.ORDER.compare(a.to(), b.to());
      return c != 0 ? c : Boolean.compare(a.unsafe(), b.unsafe());
    };
  }

  /** A note under the picture: its id and its Mermaid text. */
  record Note(String id, String text) {}

  /** Clusters drawn as one box: the first one's nodes stand for all of them. */
  private record Box(List<String> clusters, List<Node> nodes) {}

  /** The picture of {@code traffic}: a fleet's grouped by region ({@link FleetMermaid}), else one box per cluster. */
  static String flowchart(PathGraph.Traffic traffic) {
    return traffic.fleet().isPresent() ? FleetMermaid.flowchart(traffic) : flowchart(traffic.hops());
  }

  static String flowchart(List<Hop> hops) {
    Map<Node, Node> drawn = collapse(hops);
    List<Box> boxes = boxes(drawn);
    Map<Edge, Set<String>> edges = edges(hops, drawn);
    TreeSet<Node> nodes = new TreeSet<>(Node.ORDER);
    edges.keySet().forEach(e -> {
      nodes.add(e.from());
      nodes.add(e.to());
    });
    Map<Node, String> ids = ids(nodes);

    StringBuilder b = header();
    for (Box box : boxes) {
      b.append("  subgraph c_").append(id(box.clusters().get(0))).append("[\"").append(boxTitle(box.clusters())).append("\"]\n");
      box.nodes().forEach(n -> b.append("    ").append(node(ids.get(n), n)).append('\n'));
      b.append("  end\n");
    }
    for (Node n : nodes) {
      if (n.cluster() == null || n.type() == Node.Type.MISSING) {
        b.append("  ").append(node(ids.get(n), n)).append('\n');
      }
    }
    List<Note> notes = new ArrayList<>();
    List<String> services = services(hops);
    if (!services.isEmpty()) {
      notes.add(servicesNote(services));
    }
    notes.add(LEGEND);
    // Invisible links put the notes under the middle external host, instead of beside the first row
    // (where they would widen the picture).
    List<String> hosts = nodes.stream().filter(n -> n.type() == Node.Type.HOST).map(ids::get).toList();
    String last = !hosts.isEmpty() ? hosts.get(hosts.size() / 2) : nodes.isEmpty() ? null : ids.get(nodes.last());
    edgesAndNotes(b, edges, ids, notes, last);
    return b.toString();
  }

  static final Note LEGEND = new Note("legend", "<b>legend</b><br/>──── mTLS, or TLS the egress gateway originates<br/>"
      + "- - - - red: plain text (DISABLE, PERMISSIVE) or broken");

  /** The start of every picture. */
  static StringBuilder header() {
    // Mermaid wraps a node's text wider than 200 px, even inside a name; 560 keeps each line of
    // the notes one line. Edge labels still wrap at 200 px, so they stay short.
    StringBuilder b = new StringBuilder("%%{init: {\"flowchart\": {\"wrappingWidth\": 560}}}%%\nflowchart TB\n");
    b.append("  classDef missing fill:#fdd,stroke:#c00,color:#900,stroke-dasharray:5 3\n");
    b.append("  classDef note fill:#f6f8fa,stroke:#888,color:#222\n");
    return b;
  }

  /** The edges between drawn nodes ({@code drawn} maps each node to the one drawn for it), each with its labels' lines. */
  static Map<Edge, Set<String>> edges(List<Hop> hops, Map<Node, Node> drawn) {
    Map<Edge, Set<String>> edges = new TreeMap<>(Edge.ORDER);
    for (Hop h : hops) {
      Edge e = new Edge(drawn.get(h.from()), drawn.get(h.to()), h.unsafe());
      Set<String> lines = edges.computeIfAbsent(e, k -> new LinkedHashSet<>());
      if (!h.label().isEmpty()) {
        lines.addAll(List.of(h.label().split("\n")));
      }
    }
    return edges;
  }

  /** The services note: each service once (see {@link #services}). */
  static Note servicesNote(List<String> services) {
    return new Note("services", "<b>services</b><br/>mesh host → egress gateway port → external host<br/>"
        + String.join("<br/>", services.stream().map(l -> l.startsWith("via ") ? "<i>" + text(l) + "</i>" : text(l)).toList()));
  }

  /**
   * The edges, red and dashed where unsafe, then the notes, chained by invisible links under
   * {@code anchor} (when there is one).
   */
  static void edgesAndNotes(StringBuilder b, Map<Edge, Set<String>> edges, Map<Node, String> ids, List<Note> notes, String anchor) {
    List<Integer> red = new ArrayList<>();
    int index = 0;
    for (var e : edges.entrySet()) {
      Edge edge = e.getKey();
      b.append("  ").append(ids.get(edge.from())).append(edge.unsafe() ? " -.->" : " -->");
      if (!e.getValue().isEmpty()) {
        b.append("|\"").append(String.join("<br/>", e.getValue().stream().map(Mermaid::text).toList())).append("\"|");
      }
      b.append(' ').append(ids.get(edge.to())).append('\n');
      if (edge.unsafe()) {
        red.add(index);
      }
      index++;
    }
    notes.forEach(n -> b.append("  ").append(n.id()).append("[\"").append(n.text()).append("\"]:::note\n"));
    String previous = anchor;
    for (Note n : notes) {
      if (previous != null) {
        b.append("  ").append(previous).append(" ~~~ ").append(n.id()).append('\n');
      }
      previous = n.id();
    }
    if (!red.isEmpty()) {
      b.append("  linkStyle ").append(String.join(",", red.stream().map(String::valueOf).toList())).append(' ')
          .append(RED).append('\n');
    }
  }

  /**
   * Maps each node to the node drawn for it: a namespace of a workload cluster that runs no
   * gateway and has the same namespaces and hops as another such cluster is drawn as the first
   * one's, so a fleet of identical clusters is one box, not a row of fifty.
   */
  private static Map<Node, Node> collapse(List<Hop> hops) {
    Set<String> withGateways = new TreeSet<>();
    Map<String, TreeSet<String>> signatures = new TreeMap<>();
    Map<String, TreeMap<String, Node>> namespaces = new TreeMap<>();
    for (Hop h : hops) {
      for (Node n : List.of(h.from(), h.to())) {
        if (n.type() == Node.Type.GATEWAY && n.cluster() != null) {
          withGateways.add(n.cluster());
        }
        if (n.type() == Node.Type.NAMESPACE) {
          namespaces.computeIfAbsent(n.cluster(), c -> new TreeMap<>()).put(n.lines().get(0), n);
          signatures.computeIfAbsent(n.cluster(), c -> new TreeSet<>()).add(n.lines().get(0));
        }
      }
      if (h.from().type() == Node.Type.NAMESPACE) {
        signatures.get(h.from().cluster()).add(h.from().lines().get(0) + " > " + h.to().key() + " " + h.label() + " " + h.status());
      }
    }
    Map<Node, Node> drawn = new HashMap<>();
    for (Hop h : hops) {
      drawn.put(h.from(), h.from());
      drawn.put(h.to(), h.to());
    }
    Map<TreeSet<String>, String> first = new HashMap<>();
    signatures.forEach((cluster, signature) -> {
      if (withGateways.contains(cluster)) {
        return;
      }
      String representative = first.computeIfAbsent(signature, s -> cluster);
      namespaces.get(cluster).forEach((name, n) -> drawn.put(n, namespaces.get(representative).get(name)));
    });
    return drawn;
  }

  /** The boxes to draw: clusters in name order, those drawn as one box together, each with the nodes it holds. */
  private static List<Box> boxes(Map<Node, Node> drawn) {
    Map<String, TreeSet<String>> members = new TreeMap<>();
    Map<String, TreeSet<Node>> nodes = new TreeMap<>();
    drawn.forEach((node, as) -> {
      if (as.cluster() != null && as.type() != Node.Type.MISSING) {
        members.computeIfAbsent(as.cluster(), c -> new TreeSet<>()).add(Objects.requireNonNull(node.cluster()));
        nodes.computeIfAbsent(as.cluster(), c -> new TreeSet<>(Node.ORDER)).add(as);
      }
    });
    List<Box> out = new ArrayList<>();
    members.forEach((cluster, all) -> out.add(new Box(List.copyOf(all), List.copyOf(nodes.get(cluster)))));
    return out;
  }

  private static String boxTitle(List<String> clusters) {
    if (clusters.size() == 1) {
      return "cluster " + text(clusters.get(0));
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i += NAMES_PER_LINE) {
      lines.add(text(String.join(", ", clusters.subList(i, Math.min(clusters.size(), i + NAMES_PER_LINE)))));
    }
    return clusters.size() + " clusters alike<br/>" + String.join(",<br/>", lines);
  }

  /**
   * Each service once: its mesh host, the egress gateway port the mesh routes it to, the host and
   * port the egress gateway sends it to, and the ExternalService that says so.
   */
  static List<String> services(List<Hop> hops) {
    Map<String, TreeSet<Integer>> called = new TreeMap<>();
    Map<String, TreeSet<String>> sent = new TreeMap<>();
    Map<String, TreeSet<String>> via = new TreeMap<>();
    for (Hop h : hops) {
      if (h.from().type() == Node.Type.NAMESPACE) {
        called.computeIfAbsent(h.service(), s -> new TreeSet<>()).add(h.port());
      }
      if (h.to().type() == Node.Type.HOST) {
        sent.computeIfAbsent(h.service(), s -> new TreeSet<>()).add(h.to().key() + ":" + h.port());
        via.computeIfAbsent(h.service(), s -> new TreeSet<>()).add(h.via());
      }
    }
    Set<String> all = new TreeSet<>(called.keySet());
    all.addAll(sent.keySet());
    List<String> out = new ArrayList<>();
    for (String s : all) {
      String ports = String.join(",", called.getOrDefault(s, new TreeSet<>()).stream().map(String::valueOf).toList());
      String to = String.join(", ", sent.getOrDefault(s, new TreeSet<>()));
      // The port is the egress gateway's, where the mesh route sends the service; apps call the mesh
      // host's own HTTP port, which the hop does not carry.
      out.add(s + (ports.isEmpty() ? "" : " → gateway :" + ports) + " → " + (to.isEmpty() ? "no external host" : to));
      via.getOrDefault(s, new TreeSet<>()).forEach(v -> out.add("via " + v));
    }
    return out;
  }

  static String node(String id, Node n) {
    List<String> lines = n.lines().stream().map(Mermaid::text).toList();
    return switch (n.type()) {
      case HOST -> id + "([\"" + lines.get(0) + "\"])";
      case MISSING -> id + "[\"" + lines.get(0) + "\"]:::missing";
      case GATEWAY -> id + "[\"<b>" + lines.get(0) + "</b><br/>" + String.join("<br/>", lines.subList(1, lines.size())) + "\"]";
      case NAMESPACE -> id + "[\"" + lines.get(0) + "\"]";
    };
  }

  /** Mermaid ids from the node keys: readable, and made unique in the nodes' sorted order. */
  static Map<Node, String> ids(TreeSet<Node> nodes) {
    Map<Node, String> out = new LinkedHashMap<>();
    Map<String, Integer> taken = new HashMap<>();
    for (Node n : nodes) {
      String base = n.type().prefix + "_" + id(n.key());
      int seen = taken.merge(base, 1, Integer::sum);
      out.put(n, seen == 1 ? base : base + "_" + seen);
    }
    return out;
  }

  static String id(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** Text inside a quoted Mermaid label: names and hosts, with Mermaid's entity codes for markup characters. */
  static String text(String s) {
    return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
