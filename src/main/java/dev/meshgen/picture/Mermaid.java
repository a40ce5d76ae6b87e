package dev.meshgen.picture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes hops as a Mermaid flowchart: source namespaces in one subgraph per cluster, the other
 * nodes after them, then the edges; hops between the same two nodes share one edge. Broken hops
 * are dashed and red, into a red node for what is missing. Everything is sorted, so the same
 * hops give the same bytes.
 */
final class Mermaid {
  private Mermaid() {}

  /** One edge: hops between the same two nodes, broken or not, with their traffic lines. */
  private record Edge(Node from, Node to, boolean broken) {}

  static String flowchart(List<Hop> hops) {
    TreeSet<Node> nodes = new TreeSet<>(Node.ORDER);
    Map<Edge, TreeSet<String>> edges = new TreeMap<>((a, b) -> {
      int c = Node.ORDER.compare(a.from(), b.from());
      c = c != 0 ? c : Node.ORDER.compare(a.to(), b.to());
      return c != 0 ? c : Boolean.compare(a.broken(), b.broken());
    });
    for (Hop h : hops) {
      nodes.add(h.from());
      nodes.add(h.to());
      TreeSet<String> lines = edges.computeIfAbsent(new Edge(h.from(), h.to(), h.broken()), e -> new TreeSet<>());
      if (!h.traffic().isEmpty()) {
        lines.add(h.traffic());
      }
    }
    Map<Node, String> ids = ids(nodes);

    StringBuilder b = new StringBuilder("flowchart LR\n");
    b.append("  classDef broken fill:#fdd,stroke:#c00,color:#900,stroke-dasharray:5 3\n");
    Map<String, List<Node>> byCluster = new TreeMap<>();
    for (Node n : nodes) {
      if (n.type() == Node.Type.NAMESPACE) {
        byCluster.computeIfAbsent(n.cluster(), c -> new ArrayList<>()).add(n);
      }
    }
    byCluster.forEach((cluster, members) -> {
      b.append("  subgraph cluster_").append(id(cluster)).append("[\"cluster ").append(text(cluster)).append("\"]\n");
      members.forEach(n -> b.append("    ").append(node(ids.get(n), n)).append('\n'));
      b.append("  end\n");
    });
    for (Node n : nodes) {
      if (n.type() != Node.Type.NAMESPACE) {
        b.append("  ").append(node(ids.get(n), n)).append('\n');
      }
    }
    List<Integer> brokenEdges = new ArrayList<>();
    int index = 0;
    for (var e : edges.entrySet()) {
      Edge edge = e.getKey();
      b.append("  ").append(ids.get(edge.from())).append(edge.broken() ? " -.->" : " -->");
      if (!e.getValue().isEmpty()) {
        b.append("|\"").append(String.join("<br/>", e.getValue().stream().map(Mermaid::text).toList())).append("\"|");
      }
      b.append(' ').append(ids.get(edge.to())).append('\n');
      if (edge.broken()) {
        brokenEdges.add(index);
      }
      index++;
    }
    if (!brokenEdges.isEmpty()) {
      b.append("  linkStyle ").append(String.join(",", brokenEdges.stream().map(String::valueOf).toList()))
          .append(" stroke:#c00,color:#c00\n");
    }
    return b.toString();
  }

  private static String node(String id, Node n) {
    String label = text(n.title()).replace(" ", n.type() == Node.Type.MISSING ? " " : "<br/>");
    return switch (n.type()) {
      case HOST -> id + "([\"" + label + "\"])";
      case MISSING -> id + "[\"" + label + "\"]:::broken";
      case NAMESPACE -> id + "[\"" + label + "\"]";
      default -> id + "[\"" + label + "\"]";
    };
  }

  /** Mermaid ids from the node keys: readable, and made unique in the nodes' sorted order. */
  private static Map<Node, String> ids(TreeSet<Node> nodes) {
    Map<Node, String> out = new LinkedHashMap<>();
    Map<String, Integer> taken = new HashMap<>();
    for (Node n : nodes) {
      String base = n.type().prefix + "_" + id(n.key());
      int seen = taken.merge(base, 1, Integer::sum);
      out.put(n, seen == 1 ? base : base + "_" + seen);
    }
    return out;
  }

  private static String id(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** Text inside a quoted Mermaid label: names and hosts, with Mermaid's entity codes for markup characters. */
  static String text(String s) {
    return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
