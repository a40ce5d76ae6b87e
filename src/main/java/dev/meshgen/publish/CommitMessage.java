package dev.meshgen.publish;

import dev.meshgen.publish.Publication.EnvironmentChange;
import dev.meshgen.publish.PublishRequest.Provenance;
import java.util.List;

/**
 * The message of a publish commit: a subject naming the environments, the files each one gains,
 * changes and loses, and trailers linking the source.
 *
 * <p>The source commit uses Argo CD's source hydrator convention ({@code Argocd-reference-commit-sha},
 * {@code Argocd-reference-commit-repourl}), so Argo CD shows it as the commit's origin; meshgen
 * adds {@code Meshgen-build-url} and {@code Meshgen-version}. {@code --refuse-older} reads the
 * source trailer back.
 */
final class CommitMessage {
  static final String SOURCE_SHA = "Argocd-reference-commit-sha";
  static final String SOURCE_URL = "Argocd-reference-commit-repourl";
  static final String BUILD_URL = "Meshgen-build-url";
  static final String VERSION = "Meshgen-version";
  static final String DIRTY = "Meshgen-source-dirty";

  /** Beyond this many file lines the body summarises, so a first publish of 100 environments stays readable. */
  private static final int MAX_FILE_LINES = 200;

  private CommitMessage() {}

  static String of(List<EnvironmentChange> all, Provenance provenance) {
    List<EnvironmentChange> changed = all.stream().filter(EnvironmentChange::changed).toList();
    StringBuilder b = new StringBuilder(subject(changed, provenance)).append("\n\n");
    int lines = 0;
    for (EnvironmentChange c : changed) {
      b.append(c.environment()).append(" (").append(c.folder()).append("/): ")
          .append(c.added().size()).append(" added, ")
          .append(c.modified().size()).append(" changed, ")
          .append(c.removed().size()).append(" removed\n");
      lines = files(b, "A", c.added(), lines);
      lines = files(b, "M", c.modified(), lines);
      lines = files(b, "D", c.removed(), lines);
    }
    if (lines > MAX_FILE_LINES) {
      b.append("  (and ").append(lines - MAX_FILE_LINES).append(" more files)\n");
    }
    b.append('\n');
    provenance.sourceSha().ifPresent(sha -> trailer(b, SOURCE_SHA, sha));
    provenance.sourceUrl().ifPresent(url -> trailer(b, SOURCE_URL, RepositoryAddress.withoutUserInfo(url)));
    provenance.buildUrl().ifPresent(url -> trailer(b, BUILD_URL, RepositoryAddress.withoutUserInfo(url)));
    trailer(b, VERSION, provenance.version());
    if (provenance.sourceDirty()) {
      trailer(b, DIRTY, "true");
    }
    // Every override of the property files, so the commit says what was published (issue 12).
    for (String override : provenance.overrides()) {
      int colon = override.indexOf(": ");
      trailer(b, override.substring(0, colon), dev.meshgen.secret.SecretText.redact(override.substring(colon + 2)));
    }
    return b.toString();
  }

  private static String subject(List<EnvironmentChange> changed, Provenance provenance) {
    String names = changed.size() <= 3
        ? String.join(", ", changed.stream().map(EnvironmentChange::environment).toList())
        : changed.size() + " environments";
    String from = provenance.sourceSha().map(sha -> " from " + sha.substring(0, Math.min(12, sha.length()))).orElse("");
    return "meshgen: publish " + names + from;
  }

  private static int files(StringBuilder b, String mark, List<String> files, int lines) {
    for (String file : files) {
      if (lines++ < MAX_FILE_LINES) {
        b.append("  ").append(mark).append(' ').append(file).append('\n');
      }
    }
    return lines;
  }

  private static void trailer(StringBuilder b, String key, String value) {
    // A trailer is one line; a value with a line break would end the trailer block early.
    b.append(key).append(": ").append(value.replaceAll("[\\r\\n]+", " ").strip()).append('\n');
  }
}
