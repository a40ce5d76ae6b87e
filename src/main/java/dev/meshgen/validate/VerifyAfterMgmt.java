package dev.meshgen.validate;

import dev.meshgen.plan.Role;
import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.YamlNode;
import java.util.List;
import java.util.Optional;

/**
 * The proof-of-function Jobs sync as a last step of their own (issue 10): they stay out of every
 * overlay (which Argo CD syncs in wave 1, before the management cluster's Gloo resources exist, so
 * a wave waiting for healthy Jobs would never end), the Argo CD Application that syncs them comes
 * in a later wave than every other Application of the environment, and the Flux Kustomization
 * that syncs them depends on the role's overlay Kustomization.
 */
final class VerifyAfterMgmt implements Rule {
  private static final String VERIFY_LABEL = "meshgen-verify";
  private static final String WAVE = "argocd.argoproj.io/sync-wave";

  @Override
  public String name() {
    return "verify-after-mgmt";
  }

  @Override
  public void check(Setup setup, Findings findings) {
    for (Resource job : setup.ofKind("Job")) {
      boolean verify = VERIFY_LABEL.equals(job.doc().path("metadata").path("labels").path("app.kubernetes.io/name").asText(null));
      if (verify && !job.unit().isVerify()) {
        findings.error(job, "metadata.labels.app.kubernetes.io/name", "a verify Job in " + job.unit().folder()
            + "/ syncs with that folder, before the management cluster's Gloo resources exist; it belongs in "
            + "verify/<role>/, which Flux and Argo CD sync last");
      }
    }
    for (Resource r : setup.arrangement()) {
      if (r.doc().path("apiVersion").asText("").startsWith("kustomize.config.k8s.io/") && !r.unit().isVerify()) {
        listsVerify(r, "resources", findings);
        listsVerify(r, "components", findings);
      } else if (r.kind().equals("Application")) {
        argoWave(setup, r, findings);
      } else if (r.kind().equals("Kustomization")) {
        fluxDependsOn(setup, r, findings);
      }
    }
  }

  private static void listsVerify(Resource kustomization, String key, Findings findings) {
    YamlNode entries = kustomization.doc().path(key);
    for (int i = 0; i < entries.size(); i++) {
      String target = kustomization.resolve(entries.get(i).asText(""));
      Optional<Unit> unit = Unit.holding(target + "/").or(() -> Unit.holding(target));
      if (unit.isPresent() && unit.get().isVerify()) {
        findings.error(kustomization, key + "[" + i + "]", "lists the verify Jobs (" + unit.get().folder()
            + "), so they sync with this folder, before the management cluster's Gloo resources exist; "
            + "leave them to their own Flux Kustomization and Argo CD Application");
      }
    }
  }

  /** A verify Application must come in a later wave than every other Application of its environment. */
  private static void argoWave(Setup setup, Resource app, Findings findings) {
    if (verifyUnit(app, app.doc().path("spec").path("source").path("path").asText("")) == null) {
      return;
    }
    int wave = wave(app);
    for (Resource other : setup.arrangement()) {
      if (other.kind().equals("Application") && other != app
          && verifyUnit(other, other.doc().path("spec").path("source").path("path").asText("")) == null
          && wave(other) >= wave) {
        findings.error(app, "metadata.annotations." + WAVE, "sync wave " + wave + " is not after " + other.name()
            + "'s wave " + wave(other) + "; the verify Jobs can only pass once every overlay, the management "
            + "cluster's Gloo resources included, is synced: give them a later wave");
        return;
      }
    }
  }

  /** A verify Kustomization must depend on the Kustomization of its cluster's overlay (same cluster). */
  private static void fluxDependsOn(Setup setup, Resource kustomization, Findings findings) {
    Unit verify = verifyUnit(kustomization, kustomization.doc().path("spec").path("path").asText(""));
    if (verify == null) {
      return;
    }
    Unit overlayUnit = overlayOf(verify);
    String overlay = kustomization.environment() + "/" + overlayUnit.folder();
    Optional<String> overlayName = setup.arrangement().stream()
        .filter(r -> r.kind().equals("Kustomization") && r.unit().equals(kustomization.unit())
            && endsWithFolder(r.doc().path("spec").path("path").asText(""), overlay))
        .map(Resource::name).findFirst();
    if (overlayName.isEmpty()) {
      return;
    }
    for (YamlNode d : kustomization.doc().path("spec").path("dependsOn")) {
      if (d.path("name").asText("").equals(overlayName.get())) {
        return;
      }
    }
    findings.error(kustomization, "spec.dependsOn", "does not depend on " + overlayName.get() + ", the "
        + (overlayUnit.cluster() != null ? "cluster " + overlayUnit.cluster() : overlayUnit.folder().substring("overlays/".length()))
        + " overlay's Kustomization, so the verify Jobs may run before the egress path is "
        + "installed; add it to spec.dependsOn");
  }

  /** The overlay whose cluster(s) run the Jobs of verify folder {@code verify}. */
  private static Unit overlayOf(Unit verify) {
    return switch (verify.kind()) {
      case VERIFY_LOCAL -> Unit.LOCAL;
      case VERIFY_REMOTE -> Unit.REMOTE;
      default -> Unit.cluster(verify.cluster());
    };
  }

  /** The verify folder that {@code path} (a path in the GitOps repository) names, or null. */
  private static Unit verifyUnit(Resource r, String path) {
    String p = EntryPointsTarget.folder(path);
    String env = r.environment() + "/";
    int at = p.startsWith(env) ? 0 : p.indexOf("/" + env) + 1;
    if (at == 0 && !p.startsWith(env)) {
      return null;
    }
    String folder = p.substring(at + env.length());
    Optional<Unit> unit = Unit.holding(folder + "/");
    return unit.isPresent() && unit.get().isVerify() && unit.get().folder().equals(folder) ? unit.get() : null;
  }

  private static boolean endsWithFolder(String path, String folder) {
    String p = EntryPointsTarget.folder(path);
    return p.equals(folder) || p.endsWith("/" + folder);
  }

  private static int wave(Resource app) {
    String text = app.doc().path("metadata").path("annotations").path(WAVE).asText("0");
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
