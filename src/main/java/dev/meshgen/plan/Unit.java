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
 *       role, a kustomization of their own that no overlay lists: Flux and Argo CD sync it as its
 *       own unit after the role's overlay and the management cluster's Gloo resources (issue 10).
 *   <li>{@code FLUX_MGMT}, {@code FLUX_LOCAL}, {@code FLUX_REMOTE}, {@code ARGOCD}: entry points
 *       that point Flux or Argo CD at the overlays. They are not cluster resources of the setup, so
 *       no overlay lists them.
 * </ul>
 */
public enum Unit {
  BASE("base"),
  EGRESS_SNI("base/egress-sni"),
  MGMT("overlays/mgmt"),
  LOCAL("overlays/local"),
  REMOTE("overlays/remote"),
  VERIFY_LOCAL("verify/local"),
  VERIFY_REMOTE("verify/remote"),
  FLUX_MGMT("flux/mgmt"),
  FLUX_LOCAL("flux/local"),
  FLUX_REMOTE("flux/remote"),
  ARGOCD("argocd");

  private final String folder;

  Unit(String folder) {
    this.folder = folder;
  }

  /** The folder of the environment's tree that holds this unit's files ({@code overlays/local}). */
  public String folder() {
    return folder;
  }

  /**
   * The cluster roles that apply what this unit holds: base and the SNI rules reach both workload
   * roles, an overlay or verify folder its own role, a Flux entry point the clusters of its
   * role. Argo CD's Applications are applied where Argo CD runs, not by a role: none.
   */
  public java.util.Set<Role> roles() {
    return switch (this) {
      case BASE, EGRESS_SNI -> java.util.EnumSet.of(Role.LOCAL, Role.REMOTE);
      case MGMT, FLUX_MGMT -> java.util.EnumSet.of(Role.MGMT);
      case LOCAL, VERIFY_LOCAL, FLUX_LOCAL -> java.util.EnumSet.of(Role.LOCAL);
      case REMOTE, VERIFY_REMOTE, FLUX_REMOTE -> java.util.EnumSet.of(Role.REMOTE);
      case ARGOCD -> java.util.EnumSet.noneOf(Role.class);
    };
  }

  /** True when a workload or management cluster applies this unit as part of the setup (not an entry point). */
  public boolean isSetup() {
    return switch (this) {
      case FLUX_MGMT, FLUX_LOCAL, FLUX_REMOTE, ARGOCD -> false;
      default -> true;
    };
  }

  /**
   * The unit whose folder holds {@code path} (a '/'-separated path in an environment's tree), the
   * deepest match first; empty for files outside every unit (README.md, the ownership record).
   * Used only to read a tree back from a GitOps repository, where the folder is all there is.
   */
  public static java.util.Optional<Unit> holding(String path) {
    Unit best = null;
    for (Unit u : values()) {
      if (path.startsWith(u.folder + "/") && (best == null || u.folder.length() > best.folder.length())) {
        best = u;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** True for the proof-of-function folders. */
  public boolean isVerify() {
    return this == VERIFY_LOCAL || this == VERIFY_REMOTE;
  }

  public static Unit of(Role role) {
    return valueOf(role.name());
  }

  /** The Flux entry point of {@code role}'s clusters. */
  public static Unit flux(Role role) {
    return valueOf("FLUX_" + role.name());
  }

  /** The proof-of-function Jobs of a workload role. */
  public static Unit verify(Role role) {
    if (role == Role.MGMT) {
      throw new IllegalArgumentException("the management cluster runs no workloads to verify from");
    }
    return valueOf("VERIFY_" + role.name());
  }
}
