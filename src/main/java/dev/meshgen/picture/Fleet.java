package dev.meshgen.picture;

import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.Unit;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The region of each workload cluster of a fleet (issue 13), read from the annotations on its
 * {@code clusters/<name>/kustomization.yaml}; a tree without them is the single local/remote form.
 */
record Fleet(Map<String, String> regions) {
  /** Regions by name, the clusters that name none ("") last. */
  static final Comparator<String> REGION_ORDER =
      Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder());

  Fleet {
    regions = Map.copyOf(regions);
  }

  /** The fleet that {@code tree}'s per-cluster kustomizations describe; empty for the single form. */
  static Optional<Fleet> of(RenderedTree tree) {
    Map<String, String> regions = new TreeMap<>();
    for (Manifest m : tree.manifests()) {
      if (m.isKustomization() && m.unit().kind() == Unit.Kind.CLUSTER) {
        var annotations = m.root().path("metadata").path("annotations");
        String cluster = annotations.path(Plan.CLUSTER_ANNOTATION).asText("");
        if (!cluster.isEmpty()) {
          regions.put(cluster, annotations.path(Plan.REGION_ANNOTATION).asText(""));
        }
      }
    }
    return regions.isEmpty() ? Optional.empty() : Optional.of(new Fleet(regions));
  }

  /** The region of {@code cluster}, "" when it names none or is not a fleet cluster (mgmt). */
  String region(String cluster) {
    return regions.getOrDefault(cluster, "");
  }

  /** How the picture names a region. */
  static String label(String region) {
    return region.isEmpty() ? "no region" : "region " + region;
  }
}
