package dev.meshgen.validate;

import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Rules of the clusters as a whole, for one local/remote pair and for fleets alike (issue 13). */
final class FleetRules {
  private FleetRules() {}

  static List<Rule> all() {
    return List.of(new EgressGateways(), new OneEntryPointPerCluster(), new KustomizationsResolve());
  }

  /** The cluster an IstioOperator installs into ({@code spec.values.global.multiCluster.clusterName}). */
  static String clusterName(Resource operator) {
    return operator.doc().path("spec").path("values").path("global").path("multiCluster").path("clusterName").asText("");
  }

  /**
   * The egress VirtualDestination is backed by exactly the clusters that install an egress
   * gateway: a cluster it names without one is a black hole for the share of traffic Gloo sends
   * there, and a gateway it does not name carries nothing. A fleet cluster that builds on
   * {@code overlays/local} installs its own gateway, for itself.
   */
  static final class EgressGateways implements Rule {
    @Override
    public String name() {
      return "egress-gateways-installed";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      Map<String, Resource> installed = new TreeMap<>();
      for (Resource op : setup.ofKind("IstioOperator")) {
        installed.putIfAbsent(clusterName(op), op);
      }
      Set<String> backing = new HashSet<>();
      for (Resource vd : setup.ofKind("VirtualDestination")) {
        YamlNode services = vd.doc().path("spec").path("services");
        for (int i = 0; i < services.size(); i++) {
          String cluster = services.get(i).path("cluster").asText("");
          if (cluster.isEmpty()) {
            continue;
          }
          backing.add(cluster);
          if (!installed.containsKey(cluster)) {
            findings.error(vd, "spec.services[" + i + "].cluster", "cluster '" + cluster + "' installs no egress "
                + "gateway (no IstioOperator here names it as its clusterName), so the share of traffic Gloo "
                + "sends there is lost; install one there or remove the cluster");
          }
        }
      }
      if (!backing.isEmpty()) {
        installed.forEach((cluster, op) -> {
          if (!backing.contains(cluster)) {
            findings.error(op, "spec.values.global.multiCluster.clusterName", "the egress gateway installed on '"
                + cluster + "' backs no VirtualDestination, so no traffic leaves through it; add the cluster to "
                + "the egress VirtualDestination's spec.services");
          }
        });
      }
      for (Resource k : setup.arrangement()) {
        if (k.unit().kind() != Unit.Kind.CLUSTER || !k.path().equals(k.unit().folder() + "/kustomization.yaml")
            || !buildsOn(k, Unit.LOCAL)) {
          continue;
        }
        String cluster = k.unit().cluster();
        List<Resource> own = setup.ofKind("IstioOperator").stream().filter(op -> op.unit().equals(k.unit())).toList();
        if (own.size() != 1 || !clusterName(own.get(0)).equals(cluster)) {
          findings.error(k, "resources", "egress cluster '" + cluster + "' (it builds on " + Unit.LOCAL.folder()
              + ") must install exactly one egress gateway for itself: an IstioOperator here whose clusterName is '"
              + cluster + "' (found " + own.stream().map(op -> "'" + clusterName(op) + "'").toList() + ")");
        }
      }
    }

    private static boolean buildsOn(Resource kustomization, Unit unit) {
      for (YamlNode entry : kustomization.doc().path("resources")) {
        if (kustomization.resolve(entry.asText("")).equals(unit.folder())) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Every folder a cluster applies (a role's overlay, a fleet cluster's, a verify folder) is
   * synced by exactly one Flux Kustomization and one Argo CD Application: none leaves the cluster
   * without its configuration; two fight over it (and prune each other's objects).
   */
  static final class OneEntryPointPerCluster implements Rule {
    @Override
    public String name() {
      return "one-entry-point-per-cluster";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      setup.gitopsTarget().ifPresent(target -> {
        if (target.entryPoints().isEmpty()) {
          return;
        }
        String prefix = (target.gitops().path().isEmpty() ? "" : target.gitops().path() + "/") + target.environment() + "/";
        Map<String, List<Resource>> flux = new TreeMap<>();
        Map<String, List<Resource>> argo = new TreeMap<>();
        for (Resource r : target.entryPoints()) {
          YamlNode spec = r.doc().path("spec");
          if (r.kind().equals("Kustomization")) {
            flux.computeIfAbsent(strip(spec.path("path").asText(""), prefix), f -> new ArrayList<>()).add(r);
          } else if (r.kind().equals("Application")) {
            argo.computeIfAbsent(strip(spec.path("source").path("path").asText(""), prefix), f -> new ArrayList<>()).add(r);
          }
        }
        for (String root : new java.util.TreeSet<>(target.kustomizeRoots())) {
          Resource kustomization = setup.arrangement().stream()
              .filter(k -> k.path().equals(root + "/kustomization.yaml")).findFirst().orElse(null);
          count(root, "Flux Kustomization", flux.getOrDefault(root, List.of()), kustomization, findings);
          count(root, "Argo CD Application", argo.getOrDefault(root, List.of()), kustomization, findings);
        }
      });
    }

    private static void count(String root, String what, List<Resource> syncing, Resource kustomization, Findings findings) {
      if (syncing.size() > 1) {
        for (Resource extra : syncing.subList(1, syncing.size())) {
          findings.error(extra, "metadata.name", "is a second " + what + " syncing " + root + " (also "
              + syncing.get(0).file() + "); two would fight over the cluster's objects and prune each other's");
        }
      } else if (syncing.isEmpty() && kustomization != null) {
        findings.error(kustomization, "resources", "no " + what + " syncs " + root + ", so its cluster never gets "
            + "it; every cluster needs exactly one entry point");
      }
    }

    private static String strip(String path, String prefix) {
      String p = EntryPointsTarget.folder(path);
      return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
    }
  }

  /**
   * Every entry of every kustomization.yaml names a file or a folder with a kustomization.yaml of
   * this tree, so {@code kustomize build} of each entry point's folder finds what it lists.
   */
  static final class KustomizationsResolve implements Rule {
    @Override
    public String name() {
      return "kustomizations-resolve";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      Set<String> files = new HashSet<>();
      setup.all().forEach(r -> files.add(r.path()));
      setup.arrangement().forEach(r -> files.add(r.path()));
      for (Resource k : setup.arrangement()) {
        if (!k.path().endsWith("kustomization.yaml")) {
          continue;
        }
        for (String key : List.of("resources", "components")) {
          YamlNode entries = k.doc().path(key);
          for (int i = 0; i < entries.size(); i++) {
            String target = k.resolve(entries.get(i).asText(""));
            if (!files.contains(target) && !files.contains(target + "/kustomization.yaml")) {
              findings.error(k, key + "[" + i + "]", "'" + entries.get(i).asText("") + "' is neither a file nor a "
                  + "folder with a kustomization.yaml in this tree, so kustomize cannot build " + k.unit().folder());
            }
          }
        }
      }
    }
  }
}
