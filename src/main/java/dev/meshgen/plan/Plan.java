package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to render for one environment: every resource with its prepared values, and the
 * namespaces of each workload role that receive the egress gateway's SNI rules.
 */
public record Plan(String environment, List<PlannedResource> resources, Map<Role, List<String>> sniNamespaces) {

  /** Resources in a stable order: by unit, kind, namespace, name. */
  private static final Comparator<PlannedResource> ORDER =
      Comparator.comparing(PlannedResource::unit)
          .thenComparing(PlannedResource::kind)
          .thenComparing(r -> Objects.requireNonNullElse(r.namespace(), ""))
          .thenComparing(PlannedResource::name);

  public Plan {
    Objects.requireNonNull(environment, "environment");
    resources = resources.stream().sorted(ORDER).toList();
    EnumMap<Role, List<String>> copy = new EnumMap<>(Role.class);
    sniNamespaces.forEach((role, namespaces) -> copy.put(role, namespaces.stream().sorted().distinct().toList()));
    sniNamespaces = java.util.Collections.unmodifiableMap(copy);
  }

  /** Plans every resource of {@code env}. The environment's references must already be checked. */
  public static Plan of(Environment env) {
    Names names = new Names(env);
    List<PlannedResource> resources = new ArrayList<>();
    resources.addAll(GlooResources.plan(env, names));
    resources.addAll(WorkspaceResources.plan(env, names));
    resources.addAll(IstioResources.plan(env, names));
    resources.addAll(VerifyJobs.plan(env, names));
    List<PlannedResource> entryPoints = EntryPoints.plan(env, names);
    resources.addAll(entryPoints);
    resources.addAll(VerifyEntryPoints.plan(env, names, entryPoints));
    return new Plan(env.name(), resources, IstioResources.sniNamespaces(env));
  }
}
