package dev.meshgen.picture;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A box in the traffic picture: a source namespace (in its cluster), a physical gateway (in the
 * cluster that runs it, with the config objects that describe it), an external host, or a
 * reference that does not resolve ({@link Type#MISSING}). {@code cluster} is null when the
 * rendered resources do not say where the node runs, or when more than one cluster runs it. In a
 * fleet a gateway is one node per region ({@code region}, "" for clusters that name none; null in
 * the single form), naming the clusters there that run it ({@code runsIn}).
 */
record Node(Type type, String key, List<String> lines, String cluster, String region, List<String> runsIn) {
  /** Node types in the order they are listed, roughly the order traffic passes them. */
  enum Type {
    NAMESPACE("ns"),
    GATEWAY("gw"),
    HOST("host"),
    MISSING("missing");

    final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }
  }

  static final Comparator<Node> ORDER = Comparator.comparing(Node::type).thenComparing(Node::key);

  Node {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    lines = List.copyOf(lines);
    runsIn = List.copyOf(runsIn);
  }

  Node(Type type, String key, List<String> lines, String cluster) {
    this(type, key, lines, cluster, null, List.of());
  }

  static Node namespace(String cluster, String namespace) {
    return new Node(Type.NAMESPACE, cluster + "/" + namespace, List.of(namespace), cluster);
  }

  /** A gateway: what it is for, then the config objects (VirtualGateway, VirtualDestinations) that make it. */
  static Node gateway(String key, List<String> lines, String cluster) {
    return new Node(Type.GATEWAY, key, lines, cluster);
  }

  /** A gateway of a fleet: the physical gateways of one region, run by {@code runsIn}. */
  static Node regionalGateway(String key, List<String> lines, String region, List<String> runsIn) {
    return new Node(Type.GATEWAY, key + " " + Fleet.label(region), lines, runsIn.size() == 1 ? runsIn.get(0) : null, region, runsIn);
  }

  static Node host(String host) {
    return new Node(Type.HOST, host, List.of(host), null);
  }

  static Node missing(String what) {
    return new Node(Type.MISSING, what, List.of("missing " + what), null);
  }

  /** One line naming the node, for tables. */
  String title() {
    return switch (type) {
      case NAMESPACE -> cluster + "/" + lines.get(0);
      case GATEWAY -> lines.get(lines.size() > 1 ? 1 : 0) + (region == null ? "" : ", " + Fleet.label(region));
      default -> lines.get(0);
    };
  }

  boolean broken() {
    return type == Type.MISSING;
  }
}
