package dev.meshgen.layout;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.secret.SecretText;
import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a hand-kept patch must be before it is copied into the GitOps tree (issue 11): a
 * strategic-merge patch naming its {@code kind}, or a JSON 6902 list of operations; never a
 * Secret, never a secret or key material in a key or value.
 */
final class PatchCheck {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");
  private static final String ADVICE = "a patch is committed to the GitOps repository: keep secrets in a Kubernetes "
      + "Secret made outside it (or the CI's credential store) and reference it by name";

  private PatchCheck() {}

  /** Every problem of the patch {@code file} whose document is {@code root}; empty when it may be used. */
  static List<Diagnostic> check(String file, YamlNode root) {
    List<Diagnostic> out = new ArrayList<>();
    if (root instanceof YamlNode.Mapping m) {
      YamlNode kind = m.path("kind");
      if (!kind.isTextual() || kind.asText().isEmpty()) {
        out.add(Diagnostic.error(root.location(), "kind", "a strategic-merge patch names the kind it patches: "
            + "add apiVersion, kind and metadata.name of its target"));
      } else if (kind.asText().equals("Secret")) {
        out.add(Diagnostic.error(kind.location(), "kind", "a patch may not hold a Secret; " + ADVICE));
      }
    } else if (root instanceof YamlNode.Sequence ops) {
      for (int i = 0; i < ops.size(); i++) {
        operation(ops.path(i), "[" + i + "]", out);
      }
    } else {
      out.add(Diagnostic.error(root.location().line() > 0 ? root.location() : Location.ofFile(file), "",
          "a patch is a strategic-merge patch (a YAML mapping with kind) or a JSON 6902 list of operations "
              + "({op, path, value}); this is neither"));
    }
    secrets(root, "", null, out);
    return out;
  }

  private static void operation(YamlNode op, String at, List<Diagnostic> out) {
    if (!(op instanceof YamlNode.Mapping)) {
      out.add(Diagnostic.error(op.location(), at, "a JSON 6902 operation is a mapping such as {op: replace, path: /spec/x, value: 1}"));
      return;
    }
    YamlNode name = op.path("op");
    if (!name.isTextual() || !OPS.contains(name.asText())) {
      out.add(Diagnostic.error(name.isMissingNode() ? op.location() : name.location(), at + ".op",
          "must be one of add, remove, replace, move, copy, test"));
    }
    YamlNode path = op.path("path");
    if (!path.isTextual() || !path.asText().startsWith("/")) {
      out.add(Diagnostic.error(path.isMissingNode() ? op.location() : path.location(), at + ".path",
          "must be a JSON pointer such as /spec/replicas"));
    }
  }

  /** Keys and values, as the property files' check walks them; a finding shows the text only masked. */
  private static void secrets(YamlNode node, String path, String key, List<Diagnostic> out) {
    if (node instanceof YamlNode.Mapping m) {
      m.entries().forEach((k, e) -> {
        String child = path.isEmpty() ? SecretText.redact(k) : path + "." + SecretText.redact(k);
        Optional<SecretText.Found> inKey = SecretText.find(k);
        inKey.ifPresent(f -> out.add(finding(e.keyLocation(), child, "key", f, k)));
        secrets(e.value(), child, k, out);
      });
    } else if (node instanceof YamlNode.Sequence s) {
      for (int i = 0; i < s.size(); i++) {
        secrets(s.path(i), path + "[" + i + "]", null, out);
      }
    } else if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text) {
      SecretText.find(key, text).ifPresent(f -> out.add(finding(node.location(), path, "value", f, text)));
    }
  }

  private static Diagnostic finding(Location at, String path, String what, SecretText.Found found, String text) {
    return Diagnostic.error(at, path, "the " + what + " looks like " + found.kind() + " ('" + SecretText.mask(text)
        + "'); " + ADVICE);
  }
}
