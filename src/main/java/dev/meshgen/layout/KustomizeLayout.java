package dev.meshgen.layout;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.Role;
import dev.meshgen.plan.Unit;
import dev.meshgen.render.RenderedResource;
import dev.meshgen.render.YamlScalars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Arranges one environment's rendered resources as a Kustomize base plus {@code mgmt},
 * {@code local} and {@code remote} overlays, in Kustomize v5 idioms only ({@code resources},
 * {@code patches}):
 *
 * <pre>
 * base/                     what both workload clusters share
 * base/egress-sni/          the egress gateway's SNI rules, without a namespace
 * overlays/mgmt/            Gloo resources and the config namespaces
 * overlays/local/           ../../base, egress-sni/&lt;ns&gt;/ per sending namespace, IstioOperator, ...
 * overlays/remote/          ../../base, egress-sni/&lt;ns&gt;/ per sending namespace
 * components/verify/&lt;role&gt;/  proof-of-function Jobs, a Component the workload overlay lists
 * flux/&lt;role&gt;/               Flux GitRepository and Kustomization for the role's clusters
 * argocd/                   one Argo CD Application per role
 * </pre>
 *
 * <p>The Flux and Argo CD entry points are never listed by an overlay: they point clusters at the
 * overlays and are applied to the GitOps tools, not to the clusters as part of the setup.
 */
public final class KustomizeLayout {
  static final String SNI = "egress-sni";

  private KustomizeLayout() {}

  /** The complete output folder of one environment, with its ownership record. */
  public static RenderedTree arrange(Plan plan, List<RenderedResource> resources, Map<Role, RoleDefinition> roles)
      throws MeshgenException {
    TreeMap<String, String> files = new TreeMap<>();
    Map<Unit, List<String>> listed = new TreeMap<>();
    for (RenderedResource r : resources) {
      String folder = folder(r.planned().unit());
      String file = r.planned().fileName();
      String path = folder + "/" + file;
      if (files.containsKey(path)) {
        throw MeshgenException.of(r.template(), "two resources render to " + plan.environment() + "/" + path
            + ": " + r.planned().kind() + " names must be unique per namespace");
      }
      files.put(path, header(plan.environment(), r.template()) + r.yaml());
      listed.computeIfAbsent(r.planned().unit(), u -> new ArrayList<>()).add(file);
    }
    files.put("base/kustomization.yaml", kustomization(null, sorted(listed.get(Unit.BASE)), List.of()));
    files.put("base/" + SNI + "/kustomization.yaml", kustomization(null, sorted(listed.get(Unit.EGRESS_SNI)), List.of()));
    for (Unit entry : List.of(Unit.FLUX_MGMT, Unit.FLUX_LOCAL, Unit.FLUX_REMOTE, Unit.ARGOCD)) {
      if (listed.containsKey(entry)) {
        files.put(folder(entry) + "/kustomization.yaml", kustomization(null, sorted(listed.get(entry)), List.of()));
      }
    }
    for (Role role : Role.values()) {
      List<String> entries = new ArrayList<>();
      if (role != Role.MGMT) {
        entries.add("../../base");
        for (String ns : plan.sniNamespaces().getOrDefault(role, List.of())) {
          String stamp = SNI + "/" + ns;
          entries.add(stamp);
          files.put(folder(Unit.of(role)) + "/" + stamp + "/kustomization.yaml",
              kustomization(ns, List.of("../../../../base/" + SNI), List.of()));
        }
      }
      entries.addAll(sorted(listed.get(Unit.of(role))));
      RoleDefinition definition = roles.get(role);
      List<RoleDefinition.Patch> patches = definition == null ? List.of() : definition.patches();
      for (RoleDefinition.Patch patch : patches) {
        files.put(folder(Unit.of(role)) + "/" + patch.path(), patch.text());
      }
      List<String> components = new ArrayList<>();
      if (role != Role.MGMT && listed.containsKey(Unit.verify(role))) {
        components.add("../../" + folder(Unit.verify(role)));
        files.put(folder(Unit.verify(role)) + "/kustomization.yaml", component(sorted(listed.get(Unit.verify(role)))));
      }
      files.put(folder(Unit.of(role)) + "/kustomization.yaml", kustomization(null, entries, patches, components));
    }
    files.put(RenderedTree.RECORD, RenderedTree.recordFor(files));
    return new RenderedTree(plan.environment(), files);
  }

  private static List<String> sorted(List<String> files) {
    return files == null ? List.of() : files.stream().sorted().toList();
  }

  static String folder(Unit unit) {
    return switch (unit) {
      case BASE -> "base";
      case EGRESS_SNI -> "base/" + SNI;
      case MGMT, LOCAL, REMOTE -> "overlays/" + Role.valueOf(unit.name()).folder();
      case VERIFY_LOCAL -> "components/verify/" + Role.LOCAL.folder();
      case VERIFY_REMOTE -> "components/verify/" + Role.REMOTE.folder();
      case FLUX_MGMT -> "flux/" + Role.MGMT.folder();
      case FLUX_LOCAL -> "flux/" + Role.LOCAL.folder();
      case FLUX_REMOTE -> "flux/" + Role.REMOTE.folder();
      case ARGOCD -> "argocd";
    };
  }

  private static String header(String environment, String template) {
    return "# Generated by meshgen from environment " + environment + " with template "
        + Path.of(template).getFileName() + ". Edit those, not this file.\n";
  }

  private static String kustomization(String namespace, List<String> resources, List<RoleDefinition.Patch> patches) {
    return kustomization(namespace, resources, patches, List.of());
  }

  /** A Kustomize Component (v1alpha1): resources that an overlay adds by listing it under {@code components}. */
  private static String component(List<String> resources) {
    StringBuilder b = new StringBuilder("# Generated by meshgen. Do not edit.\n")
        .append("apiVersion: kustomize.config.k8s.io/v1alpha1\n")
        .append("kind: Component\n");
    list(b, "resources", resources);
    return b.toString();
  }

  private static String kustomization(String namespace, List<String> resources, List<RoleDefinition.Patch> patches,
      List<String> components) {
    StringBuilder b = new StringBuilder("# Generated by meshgen. Do not edit.\n")
        .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
        .append("kind: Kustomization\n");
    if (namespace != null) {
      b.append("namespace: ").append(YamlScalars.quote(namespace)).append('\n');
    }
    list(b, "resources", resources);
    if (!components.isEmpty()) {
      list(b, "components", components);
    }
    if (!patches.isEmpty()) {
      b.append("patches:\n");
      for (RoleDefinition.Patch p : patches) {
        b.append("- path: ").append(YamlScalars.quote(p.path())).append('\n');
        if (!p.target().isEmpty()) {
          b.append("  target:\n");
          new TreeMap<>(p.target()).forEach((k, v) ->
              b.append("    ").append(YamlScalars.quote(k)).append(": ").append(YamlScalars.quote(v)).append('\n'));
        }
      }
    }
    return b.toString();
  }

  private static void list(StringBuilder b, String key, List<String> items) {
    if (items.isEmpty()) {
      b.append(key).append(": []\n");
    } else {
      b.append(key).append(":\n");
      items.forEach(r -> b.append("- ").append(YamlScalars.quote(r)).append('\n'));
    }
  }
}
