package dev.meshgen.layout;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.Role;
import dev.meshgen.plan.Unit;
import dev.meshgen.render.RenderedResource;
import dev.meshgen.render.YamlScalars;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * verify/&lt;role&gt;/              proof-of-function Jobs, synced on their own after the overlays
 * flux/&lt;role&gt;/               Flux GitRepository and Kustomization for the role's clusters
 * argocd/                   one Argo CD Application per role
 * </pre>
 *
 * <p>The Flux and Argo CD entry points are never listed by an overlay: they point clusters at the
 * overlays and are applied to the GitOps tools, not to the clusters as part of the setup. Nor are
 * the verify folders: their Jobs can only pass once the management cluster's Gloo resources are
 * in place, so the GitOps tools sync them as a step of their own, last (issue 10).
 */
public final class KustomizeLayout {
  static final String SNI = "egress-sni";

  private KustomizeLayout() {}

  /** The complete output folder of one environment, with its ownership record. */
  public static RenderedTree arrange(Plan plan, List<RenderedResource> resources, Map<Role, RoleDefinition> roles)
      throws MeshgenException {
    String env = plan.environment();
    TreeMap<String, Manifest> manifests = new TreeMap<>();
    TreeMap<String, String> others = new TreeMap<>();
    Map<Unit, List<String>> listed = new TreeMap<>();
    for (RenderedResource r : resources) {
      Manifest m = r.manifest();
      if (manifests.containsKey(m.path())) {
        throw MeshgenException.of(r.template(), "two resources render to " + m.file()
            + ": " + r.planned().kind() + " names must be unique per namespace");
      }
      manifests.put(m.path(), m);
      listed.computeIfAbsent(r.planned().unit(), u -> new ArrayList<>()).add(r.planned().fileName());
    }
    Kustomizations k = new Kustomizations(env, manifests);
    k.add(Unit.BASE, "", kustomization(null, sorted(listed.get(Unit.BASE)), List.of()));
    k.add(Unit.EGRESS_SNI, "", kustomization(null, sorted(listed.get(Unit.EGRESS_SNI)), List.of()));
    Set<Unit> overlays = new HashSet<>();
    plan.overlays().forEach(o -> overlays.add(o.unit()));
    for (Map.Entry<Unit, List<String>> entry : listed.entrySet()) {
      Unit unit = entry.getKey();
      if (!overlays.contains(unit) && !unit.equals(Unit.BASE) && !unit.equals(Unit.EGRESS_SNI)) {
        k.add(unit, "", kustomization(null, sorted(entry.getValue()), List.of()));
      }
    }
    for (Plan.Overlay overlay : plan.overlays()) {
      Unit unit = overlay.unit();
      String up = "../".repeat(unit.folder().split("/").length);
      List<String> entries = new ArrayList<>();
      overlay.buildsOn().forEach(folder -> entries.add(up + folder));
      for (String ns : overlay.sniNamespaces()) {
        String stamp = SNI + "/" + ns;
        entries.add(stamp);
        k.add(unit, stamp + "/", kustomization(ns, List.of("../../" + up + Unit.EGRESS_SNI.folder()), List.of()));
      }
      entries.addAll(sorted(listed.get(unit)));
      RoleDefinition definition = overlay.patchesOf() == null ? null : roles.get(overlay.patchesOf());
      List<RoleDefinition.Patch> patches = definition == null ? List.of() : definition.patches();
      for (RoleDefinition.Patch patch : patches) {
        others.put(unit.folder() + "/" + patch.path(), patch.text());
      }
      k.add(unit, "", kustomization(null, entries, patches, overlay.annotations()));
    }
    TreeMap<String, String> all = new TreeMap<>(others);
    manifests.forEach((path, m) -> all.put(path, m.text()));
    others.put(RenderedTree.RECORD, RenderedTree.recordFor(all));
    return new RenderedTree(env, manifests.values(), others);
  }

  /** Adds each generated kustomization as a manifest, parsed once like every rendered document. */
  private record Kustomizations(String environment, Map<String, Manifest> manifests) {
    void add(Unit unit, String subfolder, String text) throws MeshgenException {
      String path = unit.folder() + "/" + subfolder + "kustomization.yaml";
      manifests.put(path, Manifest.parse(environment, path, unit, text));
    }
  }

  private static List<String> sorted(List<String> files) {
    return files == null ? List.of() : files.stream().sorted().toList();
  }

  private static String kustomization(String namespace, List<String> resources, List<RoleDefinition.Patch> patches) {
    return kustomization(namespace, resources, patches, Map.of());
  }

  private static String kustomization(String namespace, List<String> resources, List<RoleDefinition.Patch> patches,
      Map<String, String> annotations) {
    StringBuilder b = new StringBuilder("# Generated by meshgen. Do not edit.\n")
        .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
        .append("kind: Kustomization\n");
    if (!annotations.isEmpty()) {
      b.append("metadata:\n  annotations:\n");
      annotations.forEach((k, v) -> b.append("    ").append(YamlScalars.quote(k)).append(": ").append(YamlScalars.quote(v)).append('\n'));
    }
    if (namespace != null) {
      b.append("namespace: ").append(YamlScalars.quote(namespace)).append('\n');
    }
    list(b, "resources", resources);
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
