package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.PropertyLocations;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Role;
import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.EnumMap;
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

  /** Where one environment puts one object: through which of its cluster roles. */
  private record Claim(Claimant claimant, Role role, String id) {}

  static List<Diagnostic> check(List<Claimant> claimants) {
    Map<String, List<Claim>> byKey = new HashMap<>();
    for (Claimant c : claimants) {
      for (Placed p : placed(c.tree())) {
        String cluster = cluster(c.environment(), p.role()).name();
        byKey.computeIfAbsent(cluster + "\n" + p.key(), k -> new ArrayList<>()).add(new Claim(c, p.role(), p.id()));
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
            String pair = ea + "\n" + eb + "\n" + a.role() + "\n" + b.role() + "\n" + key.substring(0, key.indexOf('\n'));
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
      String property = "clusters." + second.role().folder() + ".name";
      String firstProperty = "clusters." + first.role().folder() + ".name";
      String cluster = cluster(second.claimant().environment(), second.role()).name();
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

  /** An object one environment applies through one role: {@code key} identifies it on a cluster. */
  private record Placed(Role role, String key, String id) {}

  /**
   * Every object the tree puts on a cluster, by role. Kustomize places the SNI rules in each
   * namespace a stamp kustomization names, so those count once per stamped namespace.
   */
  private static List<Placed> placed(RenderedTree tree) {
    Map<Unit, List<Map.Entry<Role, String>>> stamps = new EnumMap<>(Unit.class);
    for (Manifest k : tree.manifests()) {
      String namespace = k.root().path("namespace").asText("");
      if (!k.isKustomization() || namespace.isEmpty()) {
        continue;
      }
      for (YamlNode entry : k.root().path("resources")) {
        String target = k.resolve(entry.asText(""));
        Unit.holding(target + "/").ifPresent(u -> k.roles().forEach(role ->
            stamps.computeIfAbsent(u, x -> new ArrayList<>()).add(Map.entry(role, namespace))));
      }
    }
    List<Placed> out = new ArrayList<>();
    for (Manifest m : tree.manifests()) {
      if (!m.isClusterResource()) {
        continue;
      }
      List<Map.Entry<Role, String>> places = stamps.get(m.unit());
      if (places == null || !m.namespace().isEmpty()) {
        places = m.roles().stream().map(r -> Map.entry(r, m.namespace())).toList();
      }
      String group = m.apiVersion().contains("/") ? m.apiVersion().substring(0, m.apiVersion().indexOf('/')) : "";
      for (Map.Entry<Role, String> p : places) {
        String id = m.kind() + " " + (p.getValue().isEmpty() ? "" : p.getValue() + "/") + m.name();
        out.add(new Placed(p.getKey(), group + " " + id, id));
      }
    }
    return out;
  }

  private static Environment.Cluster cluster(Environment env, Role role) {
    return switch (role) {
      case MGMT -> env.clusters().mgmt();
      case LOCAL -> env.clusters().local();
      case REMOTE -> env.clusters().remote();
    };
  }
}
