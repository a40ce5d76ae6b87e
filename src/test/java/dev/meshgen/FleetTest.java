package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "done when" on the fixture fleet: each cluster's own overlay builds with
 * {@code kubectl kustomize} and holds exactly the SNI rules of the namespaces that live on it, and
 * the egress VirtualDestination is backed by every egress cluster. What is expected is read from
 * the property file with a plain YAML reader, not from meshgen.
 */
class FleetTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path dir;
  static Path tree;
  static JsonNode properties;
  static JsonNode defaults;

  @BeforeAll
  static void render() throws Exception {
    Sources sources = TestProject.sources();
    properties = YAML.readTree(sources.environments().resolve("fleet.yaml").toFile());
    defaults = YAML.readTree(sources.environments().resolve("_defaults.yaml").toFile());
    TestProject.Result r = TestProject.render(sources, dir.resolve("out"), "--env", "fleet");
    assertEquals(0, r.exit(), r.err());
    tree = dir.resolve("out").resolve("fleet");
  }

  /** Cluster name to role, from clusters.workload. */
  private static Map<String, String> roles() {
    Map<String, String> out = new TreeMap<>();
    properties.path("clusters").path("workload").forEach(c -> out.put(c.path("name").asText(), c.path("role").asText()));
    return out;
  }

  private static String prop(String section, String key) {
    String own = properties.path(section).path(key).asText(null);
    return own != null ? own : defaults.path(section).path(key).asText();
  }

  /**
   * The namespaces on {@code cluster} that send to external services, as the property file says:
   * every namespace of every workspace that lives there and may call at least one service, and on an
   * egress cluster the east-west gateway's namespace, which forwards to the egress gateway.
   */
  private static TreeSet<String> sendingNamespaces(String cluster) {
    TreeSet<String> out = new TreeSet<>();
    if (roles().get(cluster).equals("local")) {
      out.add(prop("gateways", "namespace"));
    }
    for (JsonNode w : properties.path("workspaces").path("apps")) {
      List<String> clusters = new ArrayList<>();
      if (w.has("clusters")) {
        w.path("clusters").forEach(c -> clusters.add(c.asText()));
      } else {
        roles().forEach((name, role) -> {
          if (role.equals(w.path("cluster").asText())) {
            clusters.add(name);
          }
        });
      }
      boolean calls = false;
      for (JsonNode s : properties.path("externalServices")) {
        boolean all = !s.has("consumers");
        for (JsonNode c : s.path("consumers")) {
          all |= c.asText().equals(w.path("name").asText());
        }
        calls |= all;
      }
      if (clusters.contains(cluster) && calls) {
        w.path("namespaces").forEach(n -> out.add(n.asText()));
      }
    }
    return out;
  }

  private static List<JsonNode> docs(String yaml) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    }
    return out;
  }

  @Test
  void eachClusterBuild_holdsExactlyTheSniRulesOfItsOwnNamespaces() throws Exception {
    KustomizeBuildTest.requireKubectl();
    assertTrue(roles().size() >= 6, "the fixture fleet has clusters to tell apart: " + roles());
    for (String cluster : roles().keySet()) {
      TreeSet<String> sni = new TreeSet<>();
      TreeSet<String> operators = new TreeSet<>();
      for (JsonNode d : docs(KustomizeBuildTest.kustomize(tree.resolve("clusters").resolve(cluster)))) {
        String kind = d.path("kind").asText();
        String host = d.path("spec").path("host").asText();
        // The SNI rules name the egress gateway's hosts; the TLS-origination rules the external hosts.
        if (kind.equals("DestinationRule") && host.contains("egressgateway")) {
          sni.add(d.path("metadata").path("namespace").asText());
        }
        if (kind.equals("IstioOperator")) {
          operators.add(d.path("spec").path("values").path("global").path("multiCluster").path("clusterName").asText());
        }
      }
      assertEquals(sendingNamespaces(cluster), sni, "SNI rules of " + cluster);
      assertEquals(roles().get(cluster).equals("local") ? new TreeSet<>(List.of(cluster)) : new TreeSet<>(), operators,
          "egress gateways installed by " + cluster);
    }
  }

  @Test
  void egressVirtualDestination_isBackedByEveryEgressCluster() throws Exception {
    JsonNode vd = docs(Files.readString(tree.resolve("overlays/mgmt/virtualdestination_"
        + defaults.path("mesh").path("adminNamespace").asText() + "_"
        + defaults.path("gateways").path("egress").path("virtualDestination").asText() + ".yaml"))).get(0);
    TreeSet<String> backing = new TreeSet<>();
    vd.path("spec").path("services").forEach(s -> backing.add(s.path("cluster").asText()));
    TreeSet<String> egress = new TreeSet<>();
    roles().forEach((cluster, role) -> {
      if (role.equals("local")) {
        egress.add(cluster);
      }
    });
    assertEquals(2, egress.size(), "the fixture fleet has two egress clusters");
    assertEquals(egress, backing);
  }

  @Test
  void twoFleetsSharingOneCluster_areRefusedNamingBothLines(@TempDir Path tmp) throws Exception {
    Sources copy = TestProject.copySources(tmp.resolve("src"));
    String fleet = Files.readString(copy.environments().resolve("fleet.yaml"));
    // Every cluster renamed but the last remote one, which both fleets now claim.
    String other = fleet.replace("name: fleet-mgmt", "name: other-mgmt");
    for (String cluster : roles().keySet()) {
      if (!cluster.equals("euw1-apps-b")) {
        other = other.replace("- name: " + cluster + "\n", "- name: other-" + cluster + "\n")
            .replace(cluster + ",", "other-" + cluster + ",").replace(cluster + "]", "other-" + cluster + "]");
      }
    }
    Files.writeString(copy.environments().resolve("other.yaml"), other);
    List<String> args = new ArrayList<>(List.of("validate", "--env", "fleet", "--env", "other"));
    args.addAll(TestProject.sourceArgs(copy));
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));

    assertEquals(1, r.exit(), r.out() + r.err());
    int line = (int) fleet.substring(0, fleet.indexOf("- name: euw1-apps-b")).chars().filter(c -> c == '\n').count() + 1;
    // validate reports its findings on stdout.
    String error = r.out().lines().filter(l -> l.contains(": error: ")).findFirst().orElse(r.out() + r.err());
    assertTrue(error.startsWith(copy.environments().resolve("other.yaml") + ":" + line + ":13: error: "
        + "clusters.workload[5].name: environments 'fleet' (clusters.workload[5].name at "
        + copy.environments().resolve("fleet.yaml") + ":" + line + ":13) and 'other' both own "), error);
    assertTrue(error.contains("on cluster 'euw1-apps-b'"), error);
  }

  @Test
  void everyWorkloadCluster_hasOneFluxKustomizationAndOneApplication_syncingItsOwnFolder() throws Exception {
    for (String cluster : roles().keySet()) {
      Path flux = tree.resolve("clusters").resolve(cluster).resolve("flux");
      List<String> paths = new ArrayList<>();
      try (var files = Files.list(flux)) {
        for (Path f : files.sorted().toList()) {
          for (JsonNode d : docs(Files.readString(f))) {
            if (d.path("apiVersion").asText().startsWith("kustomize.toolkit.fluxcd.io/")) {
              paths.add(d.path("spec").path("path").asText());
            }
          }
        }
      }
      assertTrue(paths.contains("./fleet/clusters/" + cluster), cluster + ": " + paths);
      JsonNode app = docs(Files.readString(tree.resolve("argocd/application_argocd_fleet-" + cluster + ".yaml"))).get(0);
      assertEquals("fleet/clusters/" + cluster, app.path("spec").path("source").path("path").asText());
      assertEquals(cluster, app.path("spec").path("destination").path("name").asText());
    }
  }
}
