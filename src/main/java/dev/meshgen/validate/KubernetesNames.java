package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names Kubernetes limits, checked on what was rendered rather than on the properties they
 * came from (issue 11: a 63-character service name rendered a 70-character Job name that
 * validated): every {@code metadata.name} is a DNS-1123 subdomain of at most 253 characters, at
 * most 63 where the name is a DNS label or becomes a label value, and label keys and values are
 * valid.
 */
final class KubernetesNames implements Rule {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  /** Kinds whose name is limited more than a subdomain's 253 characters, and why. */
  private static final Map<String, Limit> SHORT = Map.of(
      "Namespace", new Limit(63, "a Namespace's name is a DNS label"),
      "Service", new Limit(63, "a Service's name is a DNS label"),
      "Job", new Limit(63, "a Job's name becomes the job-name label of its pods"),
      "CronJob", new Limit(52, "a CronJob's Jobs add 11 characters to its name"),
      "Kustomization", new Limit(63, "Flux labels every object it applies with the Kustomization's name"),
      "Application", new Limit(63, "Argo CD labels every object it applies with the Application's name"));

  private record Limit(int max, String why) {}

  @Override
  public String name() {
    return "kubernetes-names";
  }

  @Override
  public void check(Setup setup, Findings findings) {
    for (List<Resource> resources : List.of(setup.all(), setup.arrangement())) {
      for (Resource r : resources) {
        if (r.doc().path("apiVersion").asText("").startsWith("kustomize.config.k8s.io/")) {
          continue; // a kustomization file is no object, its name is no name
        }
        name(r, findings);
        String namespace = r.namespace();
        if (!namespace.isEmpty() && !(namespace.length() <= 63 && LABEL.matcher(namespace).matches())) {
          findings.error(r, "metadata.namespace", "must be a DNS-1123 label (lower-case letters, digits and '-', at "
              + "most 63 characters), got " + shown(namespace));
        }
        labels(r, "metadata.labels", r.doc().path("metadata").path("labels"), findings);
        labels(r, "spec.template.metadata.labels", r.doc().path("spec").path("template").path("metadata").path("labels"),
            findings);
      }
    }
  }

  private static void name(Resource r, Findings findings) {
    String name = r.name();
    if (name.isEmpty()) {
      return;
    }
    Limit limit = SHORT.get(r.kind());
    int max = limit == null ? 253 : limit.max();
    if (name.length() > max) {
      findings.error(r, "metadata.name", r.kind() + " name of " + name.length() + " characters is over Kubernetes' limit of "
          + max + (limit == null ? "" : " (" + limit.why() + ")") + "; shorten the properties it is made of, got "
          + shown(name));
    } else if (!(limit == null ? SUBDOMAIN : LABEL).matcher(name).matches()) {
      findings.error(r, "metadata.name", "must be a DNS-1123 " + (limit == null ? "subdomain" : "label")
          + " (lower-case letters, digits and '-'" + (limit == null ? ", dot-separated" : "") + "), got " + shown(name));
    }
  }

  private static void labels(Resource r, String path, YamlNode labels, Findings findings) {
    if (!(labels instanceof YamlNode.Mapping m)) {
      return;
    }
    m.entries().forEach((key, entry) -> {
      String at = path + "." + key;
      String problem = labelKey(key);
      if (problem != null) {
        findings.error(r, at, "label key " + problem + ", got " + shown(key));
      }
      String value = entry.value().asText("");
      if (value.length() > 63 || !(value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
        findings.error(r, at, "a label value is at most 63 characters (letters, digits, '-', '_', '.', starting and "
            + "ending with a letter or digit), got " + shown(value) + " (" + value.length() + " characters)");
      }
    });
  }

  /** What is wrong with a label key ({@code prefix/name}), or null. */
  private static String labelKey(String key) {
    int slash = key.lastIndexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = key.substring(slash + 1);
    if (slash >= 0 && (prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches())) {
      return "prefix must be a DNS-1123 subdomain of at most 253 characters";
    }
    if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return "name must be at most 63 characters (letters, digits, '-', '_', '.', starting and ending with a letter or digit)";
    }
    return null;
  }

  private static String shown(String text) {
    return dev.meshgen.diagnostic.Diagnostic.quote(text);
  }
}
