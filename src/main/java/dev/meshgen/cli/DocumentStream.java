package dev.meshgen.cli;

import dev.meshgen.layout.RenderedTree;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code render --out -}: every YAML document of every rendered tree as one multi-document stream,
 * each under {@code # Source: <env>/<path>} as {@code helm template} prints, grouped by environment
 * and then by the folder (cluster role, entry points) it lands in. Nothing is written to disk.
 */
final class DocumentStream {
  private DocumentStream() {}

  static void print(List<RenderedTree> trees, PrintStream out) {
    StringBuilder b = new StringBuilder();
    for (RenderedTree tree : trees) {
      for (Map.Entry<String, String> file : tree.files().entrySet()) {
        // Every YAML file: the manifests, and the hand-kept patches that are copied beside them.
        if (!file.getKey().endsWith(".yaml")) {
          continue;
        }
        b.append("---\n# Source: ").append(tree.environment()).append('/').append(file.getKey()).append('\n');
        String text = file.getValue();
        b.append(text.startsWith("---\n") ? text.substring(4) : text);
        if (!text.endsWith("\n")) {
          b.append('\n');
        }
      }
    }
    out.print(b);
    out.flush();
  }
}
