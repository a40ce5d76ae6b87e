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
 *   <li>{@code VERIFY_LOCAL}, {@code VERIFY_REMOTE}: the proof-of-function Jobs of a workload
 *       role, a Kustomize Component its overlay lists when verification is enabled.
 *   <li>{@code FLUX_MGMT}, {@code FLUX_LOCAL}, {@code FLUX_REMOTE}, {@code ARGOCD}: entry points
 *       that point Flux or Argo CD at the overlays. They are not cluster resources of the setup, so
 *       no overlay lists them.
 * </ul>
 */
public enum Unit {
  BASE,
  EGRESS_SNI,
  MGMT,
  LOCAL,
  REMOTE,
  VERIFY_LOCAL,
  VERIFY_REMOTE,
  FLUX_MGMT,
  FLUX_LOCAL,
  FLUX_REMOTE,
  ARGOCD;

  public static Unit of(Role role) {
    return valueOf(role.name());
  }

  /** The Flux entry point of {@code role}'s clusters. */
  public static Unit flux(Role role) {
    return valueOf("FLUX_" + role.name());
  }

  /** The proof-of-function component of a workload role. */
  public static Unit verify(Role role) {
    if (role == Role.MGMT) {
      throw new IllegalArgumentException("the management cluster runs no workloads to verify from");
    }
    return valueOf("VERIFY_" + role.name());
  }
}
