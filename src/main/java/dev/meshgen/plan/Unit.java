package dev.meshgen.plan;

/**
 * Where a planned resource lives in the Kustomize tree.
 *
 * <ul>
 *   <li>{@code BASE}: shared by the workload clusters ({@code base/}).
 *   <li>{@code EGRESS_SNI}: the egress gateway's SNI DestinationRules, written once without a
 *       namespace ({@code base/egress-sni/}) and stamped into each namespace that sends through
 *       the egress gateway ({@link Plan#sniNamespaces()}).
 *   <li>{@code MGMT}, {@code LOCAL}, {@code REMOTE}: one cluster role's own resources.
 * </ul>
 */
public enum Unit {
  BASE,
  EGRESS_SNI,
  MGMT,
  LOCAL,
  REMOTE;

  public static Unit of(Role role) {
    return valueOf(role.name());
  }
}
