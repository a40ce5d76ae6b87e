package dev.meshgen.environment;

import dev.meshgen.yaml.YamlNode;
import dev.meshgen.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses property values that hold key or certificate material or credentials: whatever meshgen
 * renders is committed to a GitOps repository, so TLS material is referenced by secret name only.
 */
final class Secrets {
  private record Kind(String what, Pattern pattern) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("a PEM block (key or certificate)", Pattern.compile("-----BEGIN [A-Z0-9 ]+-----")),
      new Kind("an OpenSSH private key", Pattern.compile("openssh-key-v1|ssh-(rsa|ed25519) AAAA[0-9A-Za-z+/]{40,}")),
      new Kind("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
      new Kind("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\\b")),
      new Kind("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
      new Kind("a JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
      new Kind("a private key in base64 (as in a kubeconfig or Secret)", Pattern.compile("LS0tLS1CRUdJTi")),
      new Kind("credentials in a URL", Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@")));

  private Secrets() {}

  static List<Diagnostic> check(YamlNode node) {
    List<Diagnostic> out = new ArrayList<>();
    visit(node, "", out);
    return out;
  }

  private static void visit(YamlNode node, String path, List<Diagnostic> out) {
    if (node instanceof YamlNode.Mapping m) {
      m.entries().forEach((k, e) -> visit(e.value(), path.isEmpty() ? k : path + "." + k, out));
    } else if (node instanceof YamlNode.Sequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        visit(s.items().get(i), path + "[" + i + "]", out);
      }
    } else if (((YamlNode.Scalar) node).value() instanceof String text) {
      for (Kind kind : KINDS) {
        if (kind.pattern().matcher(text).find()) {
          out.add(Diagnostic.error(node.location(), path, "looks like " + kind.what()
              + "; secrets never enter the GitOps repository: keep TLS material in a Kubernetes Secret and "
              + "reference it by name"));
          return;
        }
      }
    }
  }
}
