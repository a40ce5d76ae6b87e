package dev.meshgen.validate;

import dev.meshgen.environment.Environment.Gitops;
import dev.meshgen.yaml.YamlNode;
import java.util.List;
import java.util.Set;

/**
 * The Flux and Argo CD entry points name the repository, branch and folders where meshgen
 * publishes this environment: {@code <gitops.path>/<env>/<folder>} with a kustomization.yaml of this
 * tree, on {@code gitops.branch} of {@code gitops.repoUrl}, so a hand-edited template cannot make
 * a cluster watch a folder that publish never writes (issue 10).
 */
final class EntryPointsTarget implements Rule {
  @Override
  public String name() {
    return "entry-points-target";
  }

  @Override
  public void check(Setup setup, Findings findings) {
    setup.gitopsTarget().ifPresent(target -> check(target, findings));
  }

  private static void check(Setup.GitOpsTarget target, Findings findings) {
    Gitops gitops = target.gitops();
    String prefix = (gitops.path().isEmpty() ? "" : gitops.path() + "/") + target.environment() + "/";
    for (Resource r : target.entryPoints()) {
      YamlNode spec = r.doc().path("spec");
      String group = r.doc().path("apiVersion").asText("").replaceFirst("/.*", "");
      switch (group + " " + r.kind()) {
        case "source.toolkit.fluxcd.io GitRepository" -> {
          same(r, "spec.url", spec.path("url"), gitops.fluxUrl(), "gitops.repoUrl (as Flux takes it)", findings);
          same(r, "spec.ref.branch", spec.path("ref").path("branch"), gitops.branch(), "gitops.branch", findings);
        }
        case "kustomize.toolkit.fluxcd.io Kustomization" -> {
          folder(r, "spec.path", spec.path("path").asText("").replaceFirst("^\\./", ""), prefix, target, findings);
          String source = spec.path("sourceRef").path("name").asText("");
          boolean found = target.entryPoints().stream().anyMatch(g -> g.kind().equals("GitRepository")
              && g.name().equals(source) && g.namespace().equals(r.namespace()) && sameFolder(g, r));
          if (!spec.path("sourceRef").path("kind").asText("").equals("GitRepository") || !found) {
            findings.error(r, "spec.sourceRef", "reads GitRepository '" + source + "', which is not rendered beside "
                + "it; point it at the GitRepository of this folder, which reads gitops.repoUrl and gitops.branch");
          }
        }
        case "argoproj.io Application" -> {
          YamlNode source = spec.path("source");
          same(r, "spec.source.repoURL", source.path("repoURL"), gitops.repoUrl(), "gitops.repoUrl", findings);
          same(r, "spec.source.targetRevision", source.path("targetRevision"), gitops.branch(), "gitops.branch",
              findings);
          folder(r, "spec.source.path", source.path("path").asText(""), prefix, target, findings);
        }
        default -> { }
      }
    }
  }

  private static void same(Resource r, String path, YamlNode node, String expected, String property, Findings findings) {
    String actual = node.asText(null);
    if (!String.valueOf(expected).equals(actual)) {
      findings.error(r, path, "is " + (actual == null ? "missing" : "'" + actual + "'") + ", but " + property
          + " is '" + expected + "', where meshgen publishes this environment; render it from the property");
    }
  }

  private static void folder(Resource r, String path, String actual, String prefix, Setup.GitOpsTarget target,
      Findings findings) {
    String inTree = actual.startsWith(prefix) ? actual.substring(prefix.length()) : null;
    if (inTree != null && target.kustomizeRoots().contains(inTree)) {
      return;
    }
    findings.error(r, path, "'" + actual + "' is not a folder that meshgen publishes for this environment: "
        + "expected " + prefix + "<folder> (gitops.path/<env>/), one of " + String.join(", ",
            target.kustomizeRoots().stream().sorted().map(f -> prefix + f).toList()));
  }

  private static boolean sameFolder(Resource a, Resource b) {
    return folderOf(a.file()).equals(folderOf(b.file()));
  }

  /**
   * A folder path as an entry point writes it ({@code ./a/b/} for Flux, {@code a/b} for Argo CD), in
   * one form: without a leading {@code ./} or a trailing {@code /}.
   */
  static String folder(String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String folderOf(String file) {
    return file.substring(0, Math.max(0, file.lastIndexOf('/')));
  }

  /**
   * The folders an entry point may sync: those whose kustomization.yaml is a Kustomization (not a
   * Component) of the setup (not an entry point itself) that no other one builds on and that is
   * not nested in another of its own unit, such as {@code overlays/local} or a fleet cluster's
   * {@code clusters/c1/verify}, but not {@code base} (which the workload overlays list) or
   * {@code overlays/local/egress-sni/app1}.
   */
  static Set<String> roots(java.util.Collection<dev.meshgen.manifest.Manifest> manifests) {
    java.util.TreeMap<String, dev.meshgen.plan.Unit> all = new java.util.TreeMap<>();
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (var m : manifests) {
      if (m.isKustomization() && m.unit().isSetup() && m.path().endsWith("/kustomization.yaml")) {
        String folder = m.path().substring(0, m.path().length() - "/kustomization.yaml".length());
        if (m.kind().equals("Kustomization")) {
          all.put(folder, m.unit());
        }
        for (String key : List.of("resources", "components")) {
          for (YamlNode r : m.root().path(key)) {
            listed.add(java.nio.file.Path.of(folder, r.asText("")).normalize().toString().replace('\\', '/'));
          }
        }
      }
    }
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    all.forEach((f, unit) -> {
      if (!listed.contains(f) && all.entrySet().stream()
          .noneMatch(other -> f.startsWith(other.getKey() + "/") && other.getValue().equals(unit))) {
        out.add(f);
      }
    });
    return out;
  }
}
