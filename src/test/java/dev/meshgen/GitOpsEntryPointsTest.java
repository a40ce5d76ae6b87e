package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flux and Argo CD entry points of every shipped environment (whatever environments/ holds)
 * build with {@code kubectl kustomize}, carry the repository, branch and cluster names of the
 * property files, and every path they name is an overlay or verify folder of the rendered tree
 * (the output folder stands in for the GitOps repository's {@code gitops.path}).
 */
class GitOpsEntryPointsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path out;

  @BeforeAll
  static void renderAll() throws Exception {
    // One by one, as KustomizeBuildTest does: the suite locks each shipped environment on its own.
    for (String env : ShippedApprovals.environments()) {
      TestProject.Result r = TestProject.render(TestProject.shipped(), out, "--env", env);
      assertEquals(0, r.exit(), r.err());
    }
  }

  static List<String> shippedEnvironments() throws Exception {
    return ShippedApprovals.environments();
  }

  private static Environment load(String name) throws Exception {
    return Environments.load(TestProject.shipped().environments(), name, List.of());
  }

  /**
   * One cluster's entry point as the README documents the layout: one local/remote pair syncs
   * {@code overlays/<role>} from {@code flux/<role>} as {@code <env>-<role>}; a fleet syncs each
   * workload cluster's {@code clusters/<name>} (mgmt: {@code overlays/mgmt}) from
   * {@code clusters/<name>/flux} as {@code <env>-<name>}, verify Jobs in {@code clusters/<name>/verify}.
   */
  record Target(String role, Environment.Cluster cluster, String flux, String overlay, String verify, String entry) {}

  static List<Target> targets(String environment) throws Exception {
    Environment props = load(environment);
    var c = props.clusters();
    List<Target> out = new ArrayList<>();
    if (!c.isFleet()) {
      out.add(new Target("mgmt", c.mgmt(), "flux/mgmt", "overlays/mgmt", null, environment + "-mgmt"));
      for (String role : List.of("local", "remote")) {
        out.add(new Target(role, role.equals("local") ? c.local() : c.remote(), "flux/" + role, "overlays/" + role,
            "verify/" + role, environment + "-" + role));
      }
      return out;
    }
    out.add(new Target("mgmt", c.mgmt(), "clusters/" + c.mgmt().name() + "/flux", "overlays/mgmt", null,
        environment + "-" + c.mgmt().name()));
    for (Environment.Cluster w : c.workload()) {
      String folder = "clusters/" + w.name();
      out.add(new Target(w.role(), w, folder + "/flux", folder, folder + "/verify", environment + "-" + w.name()));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void kustomize_entryPoints_buildFluxAndArgoObjects(String environment) throws Exception {
    KustomizeBuildTest.requireKubectl();
    Path env = out.resolve(environment);
    String source = sourceName(load(environment));
    TreeSet<String> applications = new TreeSet<>();
    for (Target t : targets(environment)) {
      TreeSet<String> flux = new TreeSet<>(List.of("GitRepository/flux-system/" + source,
          "Kustomization/flux-system/" + t.entry()));
      applications.add("Application/argocd/" + t.entry());
      // A cluster that runs verify Jobs syncs them with an entry point of their own (issue 10).
      if (t.verify() != null && Files.isDirectory(env.resolve(t.verify()))) {
        flux.add("Kustomization/flux-system/" + t.entry() + "-verify");
        applications.add("Application/argocd/" + t.entry() + "-verify");
      }
      assertEquals(flux, KustomizeBuildTest.ids(KustomizeBuildTest.kustomize(env.resolve(t.flux()))), t.flux());
    }
    assertEquals(applications, KustomizeBuildTest.ids(KustomizeBuildTest.kustomize(env.resolve("argocd"))));
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void entryPoints_fluxKustomizations_pointAtRenderedOverlays(String environment) throws Exception {
    Environment props = load(environment);
    for (Target t : targets(environment)) {
      Path folder = out.resolve(environment).resolve(t.flux());
      JsonNode kustomization = named(folder, "Kustomization", t.entry());
      String path = kustomization.path("spec").path("path").asText();
      assertEquals(environment + "/" + t.overlay(), overlayIn(props, path.substring("./".length())), path);
      assertTrue(kustomization.path("spec").path("prune").asBoolean(), "prune");
      assertEquals(sourceName(props), kustomization.path("spec").path("sourceRef").path("name").asText());
      JsonNode source = only(folder, "GitRepository");
      assertEquals(sourceName(props), source.path("metadata").path("name").asText());
      String url = source.path("spec").path("url").asText();
      // The GitRepository CRD's own pattern for spec.url.
      assertTrue(url.matches("^(http|https|ssh)://.*$"), url);
      assertEquals(props.gitops().fluxUrl(), url);
      assertEquals(props.gitops().branch(), source.path("spec").path("ref").path("branch").asText());
      JsonNode secretRef = source.path("spec").path("secretRef");
      assertEquals(String.valueOf(props.gitops().flux().secretRef()), secretRef.path("name").asText("null"));
    }
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void entryPoints_argoApplications_pointEachClusterAtItsOverlay(String environment) throws Exception {
    Environment props = load(environment);
    for (Target t : targets(environment)) {
      JsonNode app = docs(out.resolve(environment).resolve("argocd")
          .resolve("application_argocd_" + t.entry() + ".yaml")).get(0);
      JsonNode spec = app.path("spec");
      assertEquals(environment + "/" + t.overlay(), overlayIn(props, spec.path("source").path("path").asText()));
      assertEquals(props.gitops().repoUrl(), spec.path("source").path("repoURL").asText());
      assertEquals(props.gitops().branch(), spec.path("source").path("targetRevision").asText());
      assertEquals(t.cluster().argocdName(), spec.path("destination").path("name").asText());
      assertTrue(spec.path("syncPolicy").path("automated").path("prune").asBoolean(), "prune");
      assertEquals(t.role().equals("mgmt") ? "2" : "1",
          app.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText(), t.entry());
    }
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void entryPoints_verify_syncLastFromTheirOwnFolder(String environment) throws Exception {
    Path env = out.resolve(environment);
    String mgmtEntry = targets(environment).get(0).entry();
    for (Target t : targets(environment)) {
      if (t.verify() == null || !Files.isDirectory(env.resolve(t.verify()))) {
        continue;
      }
      Environment props = load(environment);
      JsonNode flux = named(env.resolve(t.flux()), "Kustomization", t.entry() + "-verify");
      assertEquals(environment + "/" + t.verify(), overlayIn(props, flux.path("spec").path("path").asText().substring(2)));
      assertEquals(t.entry(), flux.path("spec").path("dependsOn").get(0).path("name").asText());
      assertTrue(flux.path("spec").path("wait").asBoolean(), "wait");
      JsonNode app = docs(env.resolve("argocd").resolve("application_argocd_" + t.entry() + "-verify.yaml")).get(0);
      assertEquals(environment + "/" + t.verify(), overlayIn(props, app.path("spec").path("source").path("path").asText()));
      int mgmtWave = docs(env.resolve("argocd").resolve("application_argocd_" + mgmtEntry + ".yaml")).get(0)
          .path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asInt();
      assertTrue(app.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asInt() > mgmtWave,
          app.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("shippedEnvironments")
  void overlays_neverListTheEntryPoints(String environment) throws Exception {
    for (Target t : targets(environment)) {
      String k = Files.readString(out.resolve(environment).resolve(t.overlay()).resolve("kustomization.yaml"));
      assertFalse(k.contains("flux") || k.contains("argocd"), k);
    }
  }

  /** {@code <flux.source>-<first 4 bytes of SHA-256("<Flux URL>\n<branch>") in hex>}, as the README documents it. */
  static String sourceName(Environment props) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
        (props.gitops().fluxUrl() + "\n" + props.gitops().branch()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return props.gitops().flux().source() + "-" + String.format("%02x%02x%02x%02x", digest[0], digest[1], digest[2],
        digest[3]);
  }

  /**
   * The environment folder a repository path names, relative to {@code gitops.path}; asserts the
   * prefix and that the folder is an overlay meshgen rendered.
   */
  private static String overlayIn(Environment props, String repoPath) {
    String prefix = props.gitops().path().isEmpty() ? "" : props.gitops().path() + "/";
    assertTrue(repoPath.startsWith(prefix), repoPath + " is not under " + prefix);
    String inOutput = repoPath.substring(prefix.length());
    assertTrue(Files.isRegularFile(out.resolve(inOutput).resolve("kustomization.yaml")), "no overlay at " + repoPath);
    return inOutput;
  }

  private static JsonNode only(Path folder, String kind) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(p -> !p.endsWith("kustomization.yaml")).toList()) {
        docs(f).stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(found::add);
      }
    }
    assertEquals(1, found.size(), kind + " in " + folder);
    return found.get(0);
  }

  private static JsonNode named(Path folder, String kind, String name) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(p -> !p.endsWith("kustomization.yaml")).toList()) {
        docs(f).stream().filter(d -> d.path("kind").asText().equals(kind)
            && d.path("metadata").path("name").asText().equals(name)).forEach(found::add);
      }
    }
    assertEquals(1, found.size(), kind + " " + name + " in " + folder);
    return found.get(0);
  }

  private static List<JsonNode> docs(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    }
    return out;
  }
}
