package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What to render for one environment: every resource with its prepared values, and the overlays
 * that clusters apply, each with what it builds on and the namespaces that receive the egress
 * gateway's SNI rules there.
 */
public record Plan(String environment, List<PlannedResource> resources, List<Overlay> overlays) {

  /**
   * An overlay a cluster applies: {@code unit}'s folder, the folders it builds on (relative to the
   * environment's root: {@code base}, or a fleet cluster's role overlay), the namespaces stamped
   * with the SNI rules of {@code base/egress-sni}, and the cluster role whose hand-kept patches it
   * applies ({@code overlays/<role>/role.yaml}; null for a fleet cluster's thin overlay).
   */
  public record Overlay(Unit unit, List<String> buildsOn, List<String> sniNamespaces, Role patchesOf,
      java.util.Map<String, String> annotations) {
    public Overlay {
      Objects.requireNonNull(unit, "unit");
      buildsOn = List.copyOf(buildsOn);
      sniNamespaces = sniNamespaces.stream().sorted().distinct().toList();
      annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    public Overlay(Unit unit, List<String> buildsOn, List<String> sniNamespaces, Role patchesOf) {
      this(unit, buildsOn, sniNamespaces, patchesOf, java.util.Map.of());
    }
  }

  /**
   * Annotations on a fleet cluster's kustomization.yaml (never applied to a cluster): which
   * cluster, role and region the folder is for, so readers of the tree (the traffic picture,
   * diff) group clusters without the property file.
   */
  public static final String CLUSTER_ANNOTATION = "meshgen.dev/cluster";
  public static final String ROLE_ANNOTATION = "meshgen.dev/role";
  public static final String REGION_ANNOTATION = "meshgen.dev/region";

  /** Resources in a stable order: by unit, kind, namespace, name. */
  private static final Comparator<PlannedResource> ORDER =
      Comparator.comparing(PlannedResource::unit)
          .thenComparing(PlannedResource::kind)
          .thenComparing(r -> Objects.requireNonNullElse(r.namespace(), ""))
          .thenComparing(PlannedResource::name);

  public Plan {
    Objects.requireNonNull(environment, "environment");
    resources = resources.stream().sorted(ORDER).toList();
    overlays = overlays.stream().sorted(Comparator.comparing(Overlay::unit)).toList();
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
    return new Plan(env.name(), resources, IstioResources.overlays(env, names));
  }
}
