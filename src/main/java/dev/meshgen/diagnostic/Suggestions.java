package dev.meshgen.diagnostic;

import java.util.List;
import java.util.Locale;

/** "Did you mean" for a misspelt key or field: the known name at the smallest edit distance, if close. */
public final class Suggestions {
  private static final int MAX_LISTED = 12;

  private Suggestions() {}

  /**
   * A suffix for an "unknown key" message: {@code " (did you mean 'host'?)"}, or the known names
   * ({@code " (known keys: a, b)"}) when none is close.
   *
   * @param noun what the names are, in the plural: "keys", "fields"
   */
  public static String didYouMean(String given, List<String> known, String noun) {
    List<String> sorted = known.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return " (no " + noun + " are allowed here)";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : sorted) {
      int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (bestDistance <= Math.max(2, given.length() / 3)) {
      return " (did you mean '" + best + "'?)";
    }
    String listed = sorted.size() <= MAX_LISTED
        ? String.join(", ", sorted)
        : String.join(", ", sorted.subList(0, MAX_LISTED)) + ", ...";
    return " (known " + noun + ": " + listed + ")";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
