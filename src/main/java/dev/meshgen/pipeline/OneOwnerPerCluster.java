package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.PropertyLocations;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Topology;
import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Refuses two environments that own the same object on the same cluster (issue 10): same cluster
 * name, same API group, kind, namespace and name. Both sync with prune on, so each would
 * overwrite the other's object or delete it when its own render drops it. One error per pair of
 * environments and cluster, at the property that names the cluster in the later environment,
 * naming the line that names it in the earlier one.
 */
final class OneOwnerPerCluster {
  static final String RULE = "one-owner-per-cluster";
  /** How many of the shared objects an error names before it counts the rest. */
  private static final int SHOWN = 3;

  /** Namespaces and IstioOperators first: they say most plainly that two environments collide. */
  private static final java.util.Comparator<String> TELLING_FIRST = java.util.Comparator
      .comparingInt((String id) -> id.startsWith("Namespace ") ? 0 : id.startsWith("IstioOperator ") ? 1 : 2)
      .thenComparing(java.util.Comparator.naturalOrder());

  private OneOwnerPerCluster() {}

  /** One environment as this check sees it: its properties, where they were set, and its tree. */
  record Claimant(Environment environment, PropertyLocations locations, RenderedTree tree) {}

  /** Where one environment puts one object: on which of its clusters. */
  private record Claim(Claimant claimant, Environment.Cluster cluster, String id) {}

  static List<Diagnostic> check(List<Claimant> claimants) {
    // Two environments can only collide on a cluster both name. Only those are looked at: a tree
    // kept from an earlier run is parsed when something asks for its documents (issue 14), and
    // one that shares no cluster with another environment of the run cannot be in any finding.
    Map<String, Integer> namedBy = new HashMap<>();
    for (Claimant c : claimants) {
      clusterNames(c.environment()).forEach(name -> namedBy.merge(name, 1, Integer::sum));
    }
    Map<String, List<Claim>> byKey = new HashMap<>();
    for (Claimant c : claimants) {
      if (clusterNames(c.environment()).stream().allMatch(name -> namedBy.get(name) == 1)) {
        continue;
      }
      for (Placed p : placed(c.environment(), c.tree())) {
        byKey.computeIfAbsent(p.cluster().name() + "\n" + p.key(), k -> new ArrayList<>())
            .add(new Claim(c, p.cluster(), p.id()));
      }
    }
    // environment pair + roles + cluster -> ids, sorted so the report is stable
    Map<String, TreeSet<String>> shared = new TreeMap<>();
    Map<String, Claim[]> pairs = new HashMap<>();
    byKey.forEach((key, claims) -> {
      for (Claim a : claims) {
        for (Claim b : claims) {
          String ea = a.claimant().environment().name();
          String eb = b.claimant().environment().name();
          if (ea.compareTo(eb) < 0) {
            String pair = ea + "\n" + eb + "\n" + key.substring(0, key.indexOf('\n'));
            shared.computeIfAbsent(pair, k -> new TreeSet<>(TELLING_FIRST)).add(a.id());
            pairs.putIfAbsent(pair, new Claim[] {a, b});
          }
        }
      }
    });
    List<Diagnostic> out = new ArrayList<>();
    shared.forEach((pair, ids) -> {
      Claim first = pairs.get(pair)[0];
      Claim second = pairs.get(pair)[1];
      String property = property(second);
      String firstProperty = property(first);
      String cluster = second.cluster().name();
      List<String> shown = ids.stream().limit(SHOWN).toList();
      String more = ids.size() > SHOWN ? " and " + (ids.size() - SHOWN) + " more" : "";
      out.add(Diagnostic.error(second.claimant().locations().of(property), property,
          "environments '" + first.claimant().environment().name() + "' (" + firstProperty + " at "
              + first.claimant().locations().of(firstProperty) + ") and '" + second.claimant().environment().name()
              + "' both own " + ids.size() + " object(s) on cluster '" + cluster + "': " + String.join(", ", shown) + more
              + "; each would overwrite or prune the other's. Give one of them its own cluster, or its own "
              + "namespaces and names").withRule(RULE));
    });
    return out;
  }

  /** The names of every cluster {@code env} may put an object on: its management and workload clusters. */
  private static java.util.Set<String> clusterNames(Environment env) {
    java.util.Set<String> names = new java.util.HashSet<>();
    names.add(env.clusters().mgmt().name());
    env.clusters().workloadClusters().forEach(c -> names.add(c.name()));
    return names;
  }

  /** An object one environment applies to one of its clusters: {@code key} identifies it there. */
  private record Placed(Environment.Cluster cluster, String key, String id) {}

  /**
   * Every object the tree puts on a cluster. Kustomize places the SNI rules in each namespace a
   * stamp kustomization names, so those count once per stamped namespace (and cluster).
   */
  private static List<Placed> placed(Environment env, RenderedTree tree) {
    Topology topology = new Topology(env);
    Map<Unit, List<Map.Entry<Environment.Cluster, String>>> stamps = new HashMap<>();
    for (Manifest k : tree.manifests()) {
      String namespace = k.root().path("namespace").asText("");
      if (!k.isKustomization() || namespace.isEmpty()) {
        continue;
      }
      for (YamlNode entry : k.root().path("resources")) {
        String target = k.resolve(entry.asText(""));
        Unit.holding(target + "/").ifPresent(u -> topology.clustersApplying(k.unit()).forEach(cluster ->
            stamps.computeIfAbsent(u, x -> new ArrayList<>()).add(Map.entry(cluster, namespace))));
      }
    }
    List<Placed> out = new ArrayList<>();
    for (Manifest m : tree.manifests()) {
      if (!m.isClusterResource()) {
        continue;
      }
      List<Map.Entry<Environment.Cluster, String>> places = stamps.get(m.unit());
      if (places == null || !m.namespace().isEmpty()) {
        places = topology.clustersApplying(m.unit()).stream().map(c -> Map.entry(c, m.namespace())).toList();
      }
      String group = m.apiVersion().contains("/") ? m.apiVersion().substring(0, m.apiVersion().indexOf('/')) : "";
      for (Map.Entry<Environment.Cluster, String> p : places) {
        String id = m.kind() + " " + (p.getValue().isEmpty() ? "" : p.getValue() + "/") + m.name();
        out.add(new Placed(p.getKey(), group + " " + id, id));
      }
    }
    return out;
  }

  /** The property that names the claim's cluster in its environment. */
  private static String property(Claim c) {
    var clusters = c.claimant().environment().clusters();
    return c.cluster().equals(clusters.mgmt()) ? "clusters.mgmt.name" : clusters.propertyOf(c.cluster());
  }
}
