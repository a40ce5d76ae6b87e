package dev.meshgen.plan;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a planned resource lives in the Kustomize tree: a {@link Kind}, and for the per-cluster
 * kinds of a fleet (issue 13) the cluster's name.
 *
 * <ul>
 *   <li>{@code BASE}: shared by the workload clusters ({@code base/}).
 *   <li>{@code EGRESS_SNI}: the egress gateway's SNI DestinationRules, written once without a
 *       namespace ({@code base/egress-sni/}) and stamped into each namespace that sends through
 *       the egress gateway ({@link Plan.Overlay#sniNamespaces()}).
 *   <li>{@code MGMT}, {@code LOCAL}, {@code REMOTE}: one cluster role's own resources.
 *   <li>{@code CLUSTER}: a fleet cluster's thin overlay ({@code clusters/<name>/}) over its role's
 *       overlay: what differs per cluster (its IstioOperator, the SNI rules of its namespaces).
 *   <li>{@code VERIFY_LOCAL}, {@code VERIFY_REMOTE}, {@code VERIFY_CLUSTER}: the proof-of-function
 *       Jobs of a workload role or fleet cluster, a kustomization of their own that no overlay
 *       lists: Flux and Argo CD sync it as its own unit after the overlay and the management
 *       cluster's Gloo resources (issue 10).
 *   <li>{@code FLUX_MGMT}, {@code FLUX_LOCAL}, {@code FLUX_REMOTE}, {@code FLUX_CLUSTER},
 *       {@code ARGOCD}: entry points that point Flux or Argo CD at the overlays. They are not
 *       cluster resources of the setup, so no overlay lists them.
 * </ul>
 */
public record Unit(Kind kind, String cluster) implements Comparable<Unit> {

  /** What a unit holds; the order is the order of units in a plan. */
  public enum Kind {
    BASE, EGRESS_SNI, MGMT, LOCAL, REMOTE, CLUSTER,
    VERIFY_LOCAL, VERIFY_REMOTE, VERIFY_CLUSTER,
    FLUX_MGMT, FLUX_LOCAL, FLUX_REMOTE, FLUX_CLUSTER, ARGOCD;

    boolean perCluster() {
      return this == CLUSTER || this == VERIFY_CLUSTER || this == FLUX_CLUSTER;
    }
  }

  public static final Unit BASE = new Unit(Kind.BASE, null);
  public static final Unit EGRESS_SNI = new Unit(Kind.EGRESS_SNI, null);
  public static final Unit MGMT = new Unit(Kind.MGMT, null);
  public static final Unit LOCAL = new Unit(Kind.LOCAL, null);
  public static final Unit REMOTE = new Unit(Kind.REMOTE, null);
  public static final Unit VERIFY_LOCAL = new Unit(Kind.VERIFY_LOCAL, null);
  public static final Unit VERIFY_REMOTE = new Unit(Kind.VERIFY_REMOTE, null);
  public static final Unit FLUX_MGMT = new Unit(Kind.FLUX_MGMT, null);
  public static final Unit FLUX_LOCAL = new Unit(Kind.FLUX_LOCAL, null);
  public static final Unit FLUX_REMOTE = new Unit(Kind.FLUX_REMOTE, null);
  public static final Unit ARGOCD = new Unit(Kind.ARGOCD, null);

  /** The folder of every fleet cluster's own units. */
  public static final String CLUSTERS = "clusters";

  public Unit {
    Objects.requireNonNull(kind, "kind");
    if (kind.perCluster() != (cluster != null)) {
      throw new IllegalArgumentException(kind + (cluster == null ? " needs" : " takes no") + " cluster name");
    }
  }

  /** A fleet cluster's thin overlay: {@code clusters/<name>}. */
  public static Unit cluster(String name) {
    return new Unit(Kind.CLUSTER, name);
  }

  /** A fleet cluster's proof-of-function Jobs: {@code clusters/<name>/verify}. */
  public static Unit clusterVerify(String name) {
    return new Unit(Kind.VERIFY_CLUSTER, name);
  }

  /** A fleet cluster's Flux entry point: {@code clusters/<name>/flux}. */
  public static Unit clusterFlux(String name) {
    return new Unit(Kind.FLUX_CLUSTER, name);
  }

  /** The folder of the environment's tree that holds this unit's files ({@code overlays/local}). */
  public String folder() {
    return switch (kind) {
      case BASE -> "base";
      case EGRESS_SNI -> "base/egress-sni";
      case MGMT -> "overlays/mgmt";
      case LOCAL -> "overlays/local";
      case REMOTE -> "overlays/remote";
      case CLUSTER -> CLUSTERS + "/" + cluster;
      case VERIFY_LOCAL -> "verify/local";
      case VERIFY_REMOTE -> "verify/remote";
      case VERIFY_CLUSTER -> CLUSTERS + "/" + cluster + "/verify";
      case FLUX_MGMT -> "flux/mgmt";
      case FLUX_LOCAL -> "flux/local";
      case FLUX_REMOTE -> "flux/remote";
      case FLUX_CLUSTER -> CLUSTERS + "/" + cluster + "/flux";
      case ARGOCD -> "argocd";
    };
  }

  /**
   * The cluster roles that apply what this unit holds: base and the SNI rules reach both workload
   * roles, an overlay or verify folder its own role, a Flux entry point the clusters of its
   * role. Argo CD's Applications are applied where Argo CD runs, not by a role: none. A fleet
   * cluster's units are applied by that one cluster ({@link #cluster()}), whatever its role: none.
   */
  public Set<Role> roles() {
    return switch (kind) {
      case BASE, EGRESS_SNI -> EnumSet.of(Role.LOCAL, Role.REMOTE);
      case MGMT, FLUX_MGMT -> EnumSet.of(Role.MGMT);
      case LOCAL, VERIFY_LOCAL, FLUX_LOCAL -> EnumSet.of(Role.LOCAL);
      case REMOTE, VERIFY_REMOTE, FLUX_REMOTE -> EnumSet.of(Role.REMOTE);
      case CLUSTER, VERIFY_CLUSTER, FLUX_CLUSTER, ARGOCD -> EnumSet.noneOf(Role.class);
    };
  }

  /** True when a workload or management cluster applies this unit as part of the setup (not an entry point). */
  public boolean isSetup() {
    return switch (kind) {
      case FLUX_MGMT, FLUX_LOCAL, FLUX_REMOTE, FLUX_CLUSTER, ARGOCD -> false;
      default -> true;
    };
  }

  /** True for the proof-of-function folders. */
  public boolean isVerify() {
    return kind == Kind.VERIFY_LOCAL || kind == Kind.VERIFY_REMOTE || kind == Kind.VERIFY_CLUSTER;
  }

  private static final Pattern PER_CLUSTER =
      Pattern.compile("^" + CLUSTERS + "/([a-z0-9]([-a-z0-9]*[a-z0-9])?)/((verify|flux)/)?");
  private static final Unit[] SHARED = {
    BASE, EGRESS_SNI, MGMT, LOCAL, REMOTE, VERIFY_LOCAL, VERIFY_REMOTE, FLUX_MGMT, FLUX_LOCAL, FLUX_REMOTE, ARGOCD
  };

  /**
   * The unit whose folder holds {@code path} (a '/'-separated path in an environment's tree), the
   * deepest match first; empty for files outside every unit (README.md, the ownership record).
   * Used only to read a tree back from a GitOps repository, where the folder is all there is.
   */
  public static Optional<Unit> holding(String path) {
    Matcher m = PER_CLUSTER.matcher(path);
    if (m.find()) {
      String name = m.group(1);
      String sub = m.group(4);
      return Optional.of(sub == null ? cluster(name) : sub.equals("verify") ? clusterVerify(name) : clusterFlux(name));
    }
    Unit best = null;
    for (Unit u : SHARED) {
      String folder = u.folder();
      if (path.startsWith(folder + "/") && (best == null || folder.length() > best.folder().length())) {
        best = u;
      }
    }
    return Optional.ofNullable(best);
  }

  public static Unit of(Role role) {
    return switch (role) {
      case MGMT -> MGMT;
      case LOCAL -> LOCAL;
      case REMOTE -> REMOTE;
    };
  }

  /** The Flux entry point of {@code role}'s clusters. */
  public static Unit flux(Role role) {
    return switch (role) {
      case MGMT -> FLUX_MGMT;
      case LOCAL -> FLUX_LOCAL;
      case REMOTE -> FLUX_REMOTE;
    };
  }

  /** The proof-of-function Jobs of a workload role. */
  public static Unit verify(Role role) {
    return switch (role) {
      case MGMT -> throw new IllegalArgumentException("the management cluster runs no workloads to verify from");
      case LOCAL -> VERIFY_LOCAL;
      case REMOTE -> VERIFY_REMOTE;
    };
  }

  @Override
  public int compareTo(Unit o) {
    int byKind = kind.compareTo(o.kind);
    return byKind != 0 ? byKind : Objects.requireNonNullElse(cluster, "").compareTo(Objects.requireNonNullElse(o.cluster, ""));
  }

  @Override
  public String toString() {
    return cluster == null ? kind.name() : kind.name() + "(" + cluster + ")";
  }
}
