package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry points that sync each workload role's verify Jobs as a last step of their own
 * (issue 10): a Flux Kustomization beside the role's overlay Kustomization that depends on it, and
 * an Argo CD Application in the wave after the management cluster's. Each copies the source,
 * cluster and project of the role's overlay entry point, so the two never point at different
 * repositories.
 *
 * <p>What ordering is possible: Flux's {@code dependsOn} only sees Kustomizations of its own
 * cluster, so the verify Kustomization waits for the role's overlay but cannot wait for the
 * management cluster's Gloo resources; the Jobs therefore retry for minutes themselves, and
 * {@code wait: true} makes the Kustomization report their outcome. Argo CD syncs every cluster
 * from one place, so there the verify Applications come in a wave after mgmt's.
 */
final class VerifyEntryPoints {
  /** After {@link EntryPoints}' workload (1) and management (2) waves. */
  static final int VERIFY_WAVE = 3;
  /** How long Flux waits for the Jobs to complete: longer than a Job's activeDeadlineSeconds. */
  private static final String TIMEOUT = "15m";
  /** How soon Flux tries again after a failed or timed-out sync. */
  private static final String RETRY_INTERVAL = "2m";

  private VerifyEntryPoints() {}

  /** {@code entryPoints}: what {@link EntryPoints#plan} returned for {@code env}. */
  static List<PlannedResource> plan(Environment env, Names names, List<PlannedResource> entryPoints) {
    Set<Unit> verified = VerifyJobs.units(env, names);
    List<PlannedResource> out = new ArrayList<>();
    for (PlannedResource overlay : entryPoints) {
      Topology.Placement p = placementOf(overlay, names, verified);
      if (p == null) {
        continue;
      }
      String name = names.verifyEntryPoint(p);
      Map<String, Object> values = new LinkedHashMap<>(overlay.values());
      values.put("name", name);
      if (overlay.kind().equals("Kustomization")) {
        values.put("path", "./" + names.repositoryPath(p.verify()));
        values.put("dependsOn", List.of(p.entryPoint()));
        values.put("wait", "true");
        values.put("timeout", TIMEOUT);
        values.put("retryInterval", RETRY_INTERVAL);
      } else {
        values.put("path", names.repositoryPath(p.verify()));
        values.put("wave", String.valueOf(VERIFY_WAVE));
      }
      out.add(new PlannedResource(overlay.unit(), overlay.kind(), name, overlay.namespace(), values));
    }
    return out;
  }

  /** The workload cluster whose overlay {@code r} syncs, if it is such an entry point and the cluster runs verify Jobs. */
  private static Topology.Placement placementOf(PlannedResource r, Names names, Set<Unit> verified) {
    if (!r.kind().equals("Kustomization") && !r.kind().equals("Application")) {
      return null;
    }
    for (Topology.Placement p : names.topology().workload()) {
      if (r.name().equals(p.entryPoint()) && verified.contains(p.verify())) {
        return p;
      }
    }
    return null;
  }
}
