package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.PropertyLocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies an environment's {@code acknowledge} list to its findings (issue 12): a warning whose
 * rule and resource an entry names becomes an acknowledged finding carrying the entry's reason, so
 * new warnings stand out and {@code --strict} can fail on them alone. An entry that matches no
 * warning is itself a warning at its line: stale acknowledgements must not pile up.
 */
final class Acknowledgements {
  static final String RULE = "acknowledgements";

  private Acknowledgements() {}

  /**
   * {@code findings} with {@code env}'s acknowledgements applied; {@code idByFile} names the resource
   * in each file of the findings ({@code Kind namespace/name}), which is what an entry names.
   */
  static List<Diagnostic> apply(Environment env, PropertyLocations at, Map<String, String> idByFile,
      List<Diagnostic> findings) {
    List<Environment.Acknowledgement> entries = env.acknowledge();
    if (entries.isEmpty()) {
      return findings;
    }
    boolean[] used = new boolean[entries.size()];
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : findings) {
      Diagnostic result = d;
      if (d.isWarning()) {
        String id = idByFile.get(d.location().file());
        for (int i = 0; i < entries.size(); i++) {
          Environment.Acknowledgement a = entries.get(i);
          if (a.rule().equals(d.rule()) && a.resource().equals(id)) {
            result = d.acknowledged(a.reason());
            used[i] = true;
            break;
          }
        }
      }
      out.add(result);
    }
    for (int i = 0; i < entries.size(); i++) {
      if (!used[i]) {
        String path = "acknowledge[" + i + "]";
        out.add(Diagnostic.warning(at.of(path), path, "acknowledges " + entries.get(i).rule() + " on "
            + entries.get(i).resource() + ", but no such warning was found; remove the entry").withRule(RULE));
      }
    }
    return out;
  }
}
