package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.Cluster;
import java.util.ArrayList;
import java.util.List;

/**
 * The clusters of one environment and where each one's resources go in the tree: in the single
 * form (one local, one remote cluster) a cluster applies its role's overlay; in a fleet each
 * workload cluster applies a thin overlay of its own over its role's (issue 13).
 */
public record Topology(Environment env) {

  /**
   * One cluster's place: its role, the overlay its entry point syncs, the folder of its Flux entry
   * point, the folder of its verify Jobs (null for mgmt), and the name of its entry points.
   */
  public record Placement(Cluster cluster, Role role, Unit overlay, Unit flux, Unit verify, String entryPoint) {
    public String name() {
      return cluster.name();
    }
  }

  public boolean isFleet() {
    return env.clusters().isFleet();
  }

  /** The management cluster's place. */
  public Placement mgmt() {
    Cluster mgmt = env.clusters().mgmt();
    if (!isFleet()) {
      return new Placement(mgmt, Role.MGMT, Unit.MGMT, Unit.FLUX_MGMT, null, env.name() + "-" + Role.MGMT.folder());
    }
    return new Placement(mgmt, Role.MGMT, Unit.MGMT, Unit.clusterFlux(mgmt.name()), null, env.name() + "-" + mgmt.name());
  }

  /** Every workload cluster's place, in the order of the properties. */
  public List<Placement> workload() {
    List<Placement> out = new ArrayList<>();
    for (Cluster c : env.clusters().workloadClusters()) {
      out.add(place(c));
    }
    return out;
  }

  /** The management cluster, then every workload cluster. */
  public List<Placement> all() {
    List<Placement> out = new ArrayList<>();
    out.add(mgmt());
    out.addAll(workload());
    return out;
  }

  /** The clusters that run an egress gateway (role local). */
  public List<Placement> egress() {
    return workload().stream().filter(p -> p.role() == Role.LOCAL).toList();
  }

  /** The clusters workspace {@code w}'s namespaces live on. */
  public List<Placement> of(AppWorkspace w) {
    return env.clustersOf(w).stream().map(this::place).toList();
  }

  /**
   * The clusters that apply what {@code unit} holds: a fleet cluster's own units that cluster,
   * a shared unit every cluster of its roles (mgmt, or the workload clusters of the role).
   */
  public List<Cluster> clustersApplying(Unit unit) {
    if (unit.cluster() != null) {
      return env.clusters().workloadClusters().stream().filter(c -> c.name().equals(unit.cluster())).toList();
    }
    List<Cluster> out = new ArrayList<>();
    for (Role role : unit.roles()) {
      if (role == Role.MGMT) {
        out.add(env.clusters().mgmt());
      } else {
        out.addAll(env.clusters().ofRole(role.folder()));
      }
    }
    return out;
  }

  private Placement place(Cluster c) {
    Role role = Role.valueOf(c.role().toUpperCase(java.util.Locale.ROOT));
    if (!isFleet()) {
      return new Placement(c, role, Unit.of(role), Unit.flux(role), Unit.verify(role), env.name() + "-" + role.folder());
    }
    return new Placement(c, role, Unit.cluster(c.name()), Unit.clusterFlux(c.name()), Unit.clusterVerify(c.name()),
        env.name() + "-" + c.name());
  }
}
