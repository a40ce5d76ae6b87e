package dev.meshgen.environment;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.secret.SecretText;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses properties whose keys or values hold secrets (tokens, keys, credentials in URLs, random
 * values under credential-shaped keys): whatever meshgen renders is committed to a GitOps
 * repository. Runs on the layered properties, after {@code --set}; a finding shows the value only
 * masked.
 */
final class Secrets {
  private static final String ADVICE = "secrets never enter the GitOps repository: keep them in a Kubernetes Secret "
      + "(or the CI's credential store) and reference it by name";

  private Secrets() {}

  static List<Diagnostic> check(YamlNode node) {
    List<Diagnostic> out = new ArrayList<>();
    visit(node, "", null, out);
    return out;
  }

  private static void visit(YamlNode node, String path, String key, List<Diagnostic> out) {
    if (node instanceof YamlNode.Mapping m) {
      m.entries().forEach((k, e) -> {
        String shownKey = SecretText.redact(k);
        String childPath = path.isEmpty() ? shownKey : path + "." + shownKey;
        Optional<SecretText.Found> inKey = SecretText.find(k);
        if (inKey.isPresent()) {
          out.add(finding(e.keyLocation(), childPath, "key", inKey.get(), k));
        }
        visit(e.value(), childPath, k, out);
      });
    } else if (node instanceof YamlNode.Sequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        visit(s.items().get(i), path + "[" + i + "]", null, out);
      }
    } else if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text) {
      SecretText.find(key, text).ifPresent(found -> out.add(finding(node.location(), path, "value", found, text)));
    }
  }

  private static Diagnostic finding(Location at, String path, String what, SecretText.Found found, String text) {
    return Diagnostic.error(at, path, "the " + what + " looks like " + found.kind() + " ('" + SecretText.mask(text)
        + "'); " + ADVICE);
  }
}
