package dev.meshgen.picture;

import java.util.Comparator;
import java.util.Objects;

/**
 * A box in the traffic picture: a source namespace (in its cluster), a gateway, a destination, an
 * external host, or a reference that does not resolve ({@link Type#MISSING}).
 */
record Node(Type type, String key, String title, String cluster) {
  /** Node types in the order they are listed, roughly the order traffic passes them. */
  enum Type {
    NAMESPACE("ns"),
    GATEWAY("vg"),
    DESTINATION("vd"),
    EXTERNAL_SERVICE("es"),
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
    Objects.requireNonNull(title, "title");
  }

  static Node namespace(String cluster, String namespace) {
    return new Node(Type.NAMESPACE, cluster + "/" + namespace, namespace, cluster);
  }

  static Node resource(Type type, String kind, String namespace, String name) {
    return new Node(type, namespace + "/" + name, kind + " " + namespace + "/" + name, null);
  }

  static Node host(String host) {
    return new Node(Type.HOST, host, host, null);
  }

  static Node missing(String what) {
    return new Node(Type.MISSING, what, "missing " + what, null);
  }

  boolean broken() {
    return type == Type.MISSING;
  }
}
