package dev.meshgen.picture;

import java.util.Comparator;
import java.util.Objects;

/**
 * One hop of the traffic path: from a node to the next, what passes (host, port, TLS), the file
 * that defines the hop, and whether it is broken (a reference that does not resolve, or a setting
 * the hop needs is missing).
 */
record Hop(Node from, Node to, String traffic, String definedBy, boolean broken) {
  static final Comparator<Hop> ORDER = Comparator.comparing(Hop::from, Node.ORDER)
      .thenComparing(Hop::to, Node.ORDER)
      .thenComparing(Hop::traffic)
      .thenComparing(Hop::definedBy)
      .thenComparing(Hop::broken);

  Hop {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(definedBy, "definedBy");
    broken = broken || to.broken() || from.broken();
  }
}
