package dev.meshgen.picture;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One hop of one service's traffic path: from a node to the next, the service (the mesh host apps
 * call), the port the hop carries, the edge label the picture shows for it (the TLS, or what is
 * wrong; lines split by newlines), the config object that makes the hop ({@code via}: a
 * VirtualDestination or ExternalService, "" when it does not resolve), what else the table shows
 * ({@code detail}: SNI, plain text), the files that define the hop, and its {@link Status}.
 */
record Hop(Node from, Node to, String service, int port, String label, String via, String detail, List<String> definedBy, Status status) {
  /** How the picture draws a hop: solid when protected, red and dashed otherwise. */
  enum Status {
    /** mTLS in the mesh, or TLS originated at the egress gateway. */
    OK("ok"),
    /** It works but sends or accepts plain text: TLS DISABLE, PeerAuthentication PERMISSIVE or DISABLE. */
    PLAIN_TEXT("**plain text**"),
    /** A reference does not resolve, or a setting the hop needs is missing. */
    BROKEN("**broken**");

    final String cell;

    Status(String cell) {
      this.cell = cell;
    }
  }

  static final Comparator<Hop> ORDER = Comparator.comparing(Hop::from, Node.ORDER)
      .thenComparing(Hop::to, Node.ORDER)
      .thenComparing(Hop::service)
      .thenComparingInt(Hop::port)
      .thenComparing(Hop::label)
      .thenComparing(Hop::via)
      .thenComparing(Hop::detail)
      .thenComparing(h -> String.join(",", h.definedBy()))
      .thenComparing(Hop::status);

  Hop {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(detail, "detail");
    definedBy = List.copyOf(definedBy);
    Objects.requireNonNull(status, "status");
    if (from.broken() || to.broken()) {
      status = Status.BROKEN;
    }
  }

  /** True when the picture draws the hop red and dashed. */
  boolean unsafe() {
    return status != Status.OK;
  }
}
