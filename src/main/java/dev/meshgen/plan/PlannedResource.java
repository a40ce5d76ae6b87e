package dev.meshgen.plan;

import java.util.Map;
import java.util.Objects;

/**
 * One resource to render: its kind (which names its template), identity, place in the tree, and
 * the prepared values its template reads. {@code namespace} is null for cluster-scoped resources
 * and for those that Kustomize places in a namespace ({@link Unit#EGRESS_SNI}).
 */
public record PlannedResource(Unit unit, String kind, String name, String namespace, Map<String, Object> values) {
  public PlannedResource {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    values = Map.copyOf(values);
  }

  /** The template that renders this kind: {@code <kind in lower case>.yaml.ftl}. */
  public String template() {
    return kind.toLowerCase(java.util.Locale.ROOT) + ".yaml.ftl";
  }

  /** Stable, unique file name: {@code <kind>_<namespace>_<name>.yaml} ('_' never occurs in names). */
  public String fileName() {
    String k = kind.toLowerCase(java.util.Locale.ROOT);
    return namespace == null ? k + "_" + name + ".yaml" : k + "_" + namespace + "_" + name + ".yaml";
  }
}
