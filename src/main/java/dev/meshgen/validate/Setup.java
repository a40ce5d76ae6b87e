package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rendered resources of one environment, indexed the way Gloo resolves them: by kind and
 * name, by labels, and by the workspace that owns each namespace.
 */
final class Setup {
  private final List<Resource> resources;
  private final String mgmtCluster;
  /** "cluster/namespace" to workspace name. */
  private final Map<String, String> owners = new TreeMap<>();
  /** "kind namespace/name" to resource, and kind to resources: rules look up thousands of references. */
  private final Map<String, Resource> byId = new java.util.HashMap<>();
  private final Map<String, List<Resource>> byKind = new java.util.HashMap<>();

  /** The kustomizations and the Flux and Argo CD entry points: how the resources reach the clusters. */
  private final List<Resource> arrangement;

  /** Where the environment is published, and its Flux and Argo CD entry points, for {@link EntryPointsTarget}. */
  private final GitOpsTarget gitopsTarget;

  /** Label sets of the gateways the platform installs (not meshgen): the east-west gateway's. */
  private final List<Map<String, String>> platformGateways;

  /**
   * The environment's GitOps block, its Flux and Argo CD entry points and the folders of its tree
   * that hold a kustomization.yaml ({@code overlays/local}).
   */
  record GitOpsTarget(String environment, dev.meshgen.environment.Environment.Gitops gitops,
      List<Resource> entryPoints, java.util.Set<String> kustomizeRoots) {
    GitOpsTarget {
      entryPoints = List.copyOf(entryPoints);
      kustomizeRoots = java.util.Set.copyOf(kustomizeRoots);
    }
  }

  Setup(List<Resource> resources, String mgmtCluster) {
    this(resources, mgmtCluster, List.of(), null, List.of());
  }

  Setup(List<Resource> resources, String mgmtCluster, List<Map<String, String>> platformGateways) {
    this(resources, mgmtCluster, List.of(), null, platformGateways);
  }

  Setup(List<Resource> resources, String mgmtCluster, List<Resource> arrangement, GitOpsTarget gitopsTarget,
      List<Map<String, String>> platformGateways) {
    this.resources = List.copyOf(resources);
    this.mgmtCluster = mgmtCluster;
    this.arrangement = List.copyOf(arrangement);
    this.gitopsTarget = gitopsTarget;
    this.platformGateways = List.copyOf(platformGateways);
    for (Resource r : this.resources) {
      byId.putIfAbsent(key(r.kind(), r.namespace(), r.name()), r);
      byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
    }
    for (Resource w : ofKind("Workspace")) {
      for (YamlNode cluster : w.doc().path("spec").path("workloadClusters")) {
        for (YamlNode ns : cluster.path("namespaces")) {
          owners.putIfAbsent(cluster.path("name").asText() + "/" + ns.path("name").asText(), w.name());
        }
      }
    }
  }

  List<Resource> all() {
    return resources;
  }

  List<Resource> arrangement() {
    return arrangement;
  }

  String mgmtCluster() {
    return mgmtCluster;
  }

  /** Empty when the caller did not say where the environment is published (the entry-point rule is skipped). */
  Optional<GitOpsTarget> gitopsTarget() {
    return Optional.ofNullable(gitopsTarget);
  }

  List<Map<String, String>> platformGateways() {
    return platformGateways;
  }

  List<Resource> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  Optional<Resource> find(String kind, String namespace, String name) {
    return Optional.ofNullable(byId.get(key(kind, namespace, name)));
  }

  private static String key(String kind, String namespace, String name) {
    return kind + " " + namespace + "/" + name;
  }

  /** The workspace that owns {@code namespace} on {@code cluster}, if any. */
  Optional<String> owner(String cluster, String namespace) {
    return Optional.ofNullable(owners.get(cluster + "/" + namespace));
  }

  /** The workspace of a Gloo resource (they all live in the management cluster). */
  Optional<String> ownerOf(Resource glooResource) {
    return owner(mgmtCluster, glooResource.namespace());
  }

  boolean workspaceExists(String name) {
    return ofKind("Workspace").stream().anyMatch(w -> w.name().equals(name));
  }

  /** The WorkspaceSettings of a workspace: the one in a namespace the workspace owns on mgmt. */
  Optional<Resource> settingsOf(String workspace) {
    return ofKind("WorkspaceSettings").stream()
        .filter(s -> owner(mgmtCluster, s.namespace()).map(workspace::equals).orElse(false))
        .findFirst();
  }

  /** True when every label in {@code selector} is among {@code labels}. */
  static boolean selects(YamlNode selector, YamlNode labels) {
    if (selector == null || !selector.isObject() || selector.isEmpty()) {
      return false;
    }
    var it = selector.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /** Gloo host matching: exact, or a leading "*." wildcard matching any subdomain. */
  static boolean hostMatches(String pattern, String host) {
    if (pattern.equals("*") || pattern.equals(host)) {
      return true;
    }
    return pattern.startsWith("*.") && host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
  }
}
