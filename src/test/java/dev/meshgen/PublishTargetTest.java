package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.publish.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's "done when": after {@code publish --all --repo file:///…/bare.git} and no other flag,
 * every Flux Kustomization and Argo CD Application of every environment names a branch and a
 * folder that exist in that repository, and the folder builds with {@code kubectl kustomize}. The
 * repository is cloned with C git, branch by branch, as Flux and Argo CD would fetch it.
 */
class PublishTargetTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;
  Sources sources;
  Path bare;

  /** The fixture environments plus "preview": a copy of example on another branch and folder. */
  @BeforeEach
  void setUp() throws Exception {
    sources = TestProject.copySources(dir.resolve("src"));
    Path preview = sources.environments().resolve("preview.yaml");
    String example = Files.readString(sources.environments().resolve("example.yaml"));
    String repoUrl = "  repoUrl: https://git.example.com/platform/mesh-gitops.git\n";
    assertTrue(example.contains(repoUrl), "the fixture's example names its repository");
    // Its own clusters: two environments may not own the same objects on one cluster (issue 10).
    Files.writeString(preview, example.replace(repoUrl, repoUrl + "  branch: preview/eu\n  path: previews/eu\n")
        .replace("    name: mgmt\n", "    name: preview-mgmt\n")
        .replace("    name: cluster1\n", "    name: preview-cluster1\n")
        .replace("    name: cluster2\n", "    name: preview-cluster2\n"));
    bare = GitCli.initBare(dir.resolve("bare.git"));
  }

  private TestProject.Result meshgen(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  @Test
  void publishAll_toAFileUrl_everyEntryPointNamesABranchAndFolderThatExistAndBuild() throws Exception {
    TestProject.Result r = meshgen("publish", "--all", "--repo", bare.toUri().toString());
    assertEquals(0, r.exit(), r.err());

    // One commit per repository and branch: example on main, the others on their own branches.
    assertEquals(new TreeSet<>(List.of("main", "preview/eu", "release/mesh", "release/partners")), branches());
    int entryPoints = 0;
    for (String branch : branches()) {
      Path clone = dir.resolve("clone-" + branch.replace('/', '-'));
      GitCli.run(dir, "clone", "-q", "--branch", branch, bare.toUri().toString(), clone.toString());
      for (Path file : yamlFiles(clone)) {
        for (JsonNode doc : docs(file)) {
          String kind = doc.path("kind").asText();
          String apiVersion = doc.path("apiVersion").asText();
          String path;
          String revision;
          if (kind.equals("Kustomization") && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
            path = doc.path("spec").path("path").asText();
            JsonNode source = gitRepository(file.getParent(), doc.path("spec").path("sourceRef").path("name").asText());
            revision = source.path("spec").path("ref").path("branch").asText();
          } else if (kind.equals("Application")) {
            path = doc.path("spec").path("source").path("path").asText();
            revision = doc.path("spec").path("source").path("targetRevision").asText();
          } else {
            continue;
          }
          entryPoints++;
          Path target = dir.resolve("check-" + entryPoints);
          GitCli.run(dir, "clone", "-q", "--branch", revision, bare.toUri().toString(), target.toString());
          Path folder = target.resolve(path.replaceFirst("^\\./", ""));
          assertTrue(Files.isRegularFile(folder.resolve("kustomization.yaml")),
              clone.relativize(file) + " on " + branch + " names " + path + " on " + revision + ", which does not exist");
          KustomizeBuildTest.requireKubectl();
          assertTrue(!KustomizeBuildTest.kustomize(folder).isBlank(), path);
        }
      }
    }
    // Every entry point meshgen renders was found on its branch and checked above.
    long rendered = dev.meshgen.pipeline.Pipeline.of(sources).render(dev.meshgen.environment.Environments.list(
            sources.environments()), List.of()).stream()
        .flatMap(t -> t.manifests().stream())
        .filter(m -> m.apiVersion().startsWith("kustomize.toolkit.fluxcd.io/") || m.kind().equals("Application"))
        .count();
    assertTrue(rendered >= 4 * 3 * 2, "at least a Flux Kustomization and an Application per role: " + rendered);
    assertEquals(rendered, entryPoints);
  }

  @Test
  void publish_explicitBranchAndPath_rendersTheEntryPointsForThem() throws Exception {
    TestProject.Result r = meshgen("publish", "--env", "multi-region", "--repo", bare.toString(),
        "--branch", "preview/pr-7", "--path", "pr-7");
    assertEquals(0, r.exit(), r.err());

    assertEquals(new TreeSet<>(List.of("preview/pr-7")), branches());
    String app = GitCli.show(bare, "preview/pr-7", "pr-7/multi-region/argocd/application_argocd_multi-region-local.yaml");
    JsonNode source = docs(app).get(0).path("spec").path("source");
    assertEquals("preview/pr-7", source.path("targetRevision").asText());
    assertEquals("pr-7/multi-region/overlays/local", source.path("path").asText());
    assertTrue(GitCli.files(bare, "preview/pr-7").contains("pr-7/multi-region/overlays/local/kustomization.yaml"));
  }

  @Test
  void publish_secretRefThatIsNotAName_isRefusedWithFileAndLineAndWritesNothing() throws Exception {
    Path file = sources.environments().resolve("multi-region.yaml");
    String text = Files.readString(file);
    String path = "  path: clusters/mesh\n";
    assertTrue(text.contains(path));
    Files.writeString(file, text.replace(path, path + "  flux:\n    secretRef: \"ssh-ed25519 AAAAC3Nza\"\n"));

    TestProject.Result r = meshgen("publish", "--all", "--repo", bare.toString());

    assertEquals(1, r.exit(), r.out());
    int line = (int) text.substring(0, text.indexOf(path)).lines().count() + 3;
    assertEquals(file + ":" + line + ":16: error: gitops.flux.secretRef: must be the name of a Secret in the Flux "
        + "namespace (a DNS-1123 name such as mesh-gitops-auth), never the key or token itself, got 'ssh-ed25519 AAAAC3Nza'",
        r.firstError());
    assertEquals(new TreeSet<>(), branches());
  }

  private TreeSet<String> branches() {
    TreeSet<String> out = new TreeSet<>();
    GitCli.run(bare, "for-each-ref", "--format=%(refname:short)", "refs/heads").lines().forEach(out::add);
    return out;
  }

  private static JsonNode gitRepository(Path folder, String name) throws IOException {
    for (Path f : yamlFiles(folder)) {
      for (JsonNode d : docs(f)) {
        if (d.path("kind").asText().equals("GitRepository") && d.path("metadata").path("name").asText().equals(name)) {
          return d;
        }
      }
    }
    throw new AssertionError("no GitRepository " + name + " beside the Kustomization in " + folder);
  }

  private static List<Path> yamlFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/.git/")).sorted().toList();
    }
  }

  private static List<JsonNode> docs(Path file) throws IOException {
    return docs(Files.readString(file));
  }

  private static List<JsonNode> docs(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    }
    return out;
  }
}
