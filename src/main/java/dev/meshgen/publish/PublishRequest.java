package dev.meshgen.publish;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to publish where: the repository and branch, the folder inside it, who commits, which
 * source the render came from, and how to push.
 *
 * @param repository a URL ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code file://})
 *     or a local path; credentials embedded in a URL are used but never printed
 * @param branch the branch to publish to, e.g. {@code main}
 * @param prefix folder in the repository that holds one folder per environment; empty for the root
 * @param author who the commit is by; the committer too unless {@code committer} is given
 * @param committer who commits, or empty for the author
 * @param provenance the source commit, build and meshgen version recorded in the commit's trailers
 * @param credentials user and password for HTTPS, or empty to use what the URL carries, if anything
 * @param createIfMissing create an empty bare repository at a local path that does not exist yet
 * @param dryRun compute and report the change, commit and push nothing
 * @param refuseOlder refuse to replace an environment last published from a source commit that is
 *     not an ancestor of {@code provenance.sourceSha()}
 * @param attempts how many times to fetch, re-apply and push when the branch moved meanwhile
 * @param prefixes per environment, the folder holding its folder when it is not {@code prefix}
 *     (environments of one branch may live under different folders)
 * @param createBranch start {@code branch} when the repository has other branches but not this
 *     one, as a new branch holding only the environments' folders; false refuses instead
 */
public record PublishRequest(
    String repository,
    String branch,
    String prefix,
    Identity author,
    Optional<Identity> committer,
    Provenance provenance,
    Optional<Credentials> credentials,
    boolean createIfMissing,
    boolean dryRun,
    boolean refuseOlder,
    int attempts,
    Map<String, String> prefixes,
    boolean createBranch) {

  public PublishRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(committer, "committer");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(credentials, "credentials");
    prefix = normalizePrefix(prefix);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Map<String, String> normalized = new TreeMap<>();
    prefixes.forEach((env, p) -> normalized.put(env, normalizePrefix(p)));
    prefixes = Collections.unmodifiableMap(normalized);
  }

  /** Every environment under {@code prefix} on a branch that must exist (or an empty repository). */
  public PublishRequest(String repository, String branch, String prefix, Identity author, Optional<Identity> committer,
      Provenance provenance, Optional<Credentials> credentials, boolean createIfMissing, boolean dryRun,
      boolean refuseOlder, int attempts) {
    this(repository, branch, prefix, author, committer, provenance, credentials, createIfMissing, dryRun, refuseOlder,
        attempts, Map.of(), false);
  }

  /** The folder that holds {@code environment}'s folder: its own prefix, else {@link #prefix}. */
  public String prefixOf(String environment) {
    return prefixes.getOrDefault(environment, prefix);
  }

  /** A person as git records one. */
  public record Identity(String name, String email) {
    private static final Pattern NAME_EMAIL = Pattern.compile("\\s*([^<>]*?)\\s*<([^<>\\s]*)>\\s*");

    public Identity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
    }

    /** Parses {@code Name <email>}; empty when the text is not of that form. */
    public static Optional<Identity> parse(String text) {
      Matcher m = NAME_EMAIL.matcher(text == null ? "" : text);
      if (!m.matches() || m.group(1).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Identity(m.group(1), m.group(2)));
    }

    @Override
    public String toString() {
      return name + " <" + email + ">";
    }
  }

  /** This request with another provenance. */
  public PublishRequest withProvenance(Provenance other) {
    return new PublishRequest(repository, branch, prefix, author, committer, other, credentials, createIfMissing,
        dryRun, refuseOlder, attempts, prefixes, createBranch);
  }

  /**
   * Where the render came from, recorded as commit trailers.
   *
   * @param sourceSha the source repository's commit ({@code Argocd-reference-commit-sha}), if known
   * @param sourceUrl the source repository's URL ({@code Argocd-reference-commit-repourl}), if known
   * @param buildUrl the CI build ({@code Meshgen-build-url}), if any
   * @param version meshgen's version ({@code Meshgen-version})
   * @param sourceRepository the source repository on disk, where {@code --refuse-older} checks
   *     which commit is newer
   */
  public record Provenance(Optional<String> sourceSha, Optional<String> sourceUrl, Optional<String> buildUrl,
      String version, Optional<Path> sourceRepository, boolean sourceDirty, List<String> overrides) {
    public Provenance {
      Objects.requireNonNull(sourceRepository, "sourceRepository");
      Objects.requireNonNull(sourceSha, "sourceSha");
      Objects.requireNonNull(sourceUrl, "sourceUrl");
      Objects.requireNonNull(buildUrl, "buildUrl");
      Objects.requireNonNull(version, "version");
      overrides = List.copyOf(overrides);
      // A dirty tree is not the commit HEAD names: never link the publish to it (issue 12).
      sourceSha = sourceDirty ? Optional.empty() : sourceSha;
    }

    /** A clean source without overrides. */
    public Provenance(Optional<String> sourceSha, Optional<String> sourceUrl, Optional<String> buildUrl,
        String version, Optional<Path> sourceRepository) {
      this(sourceSha, sourceUrl, buildUrl, version, sourceRepository, false, List.of());
    }

    /**
     * This provenance for a source tree with uncommitted changes ({@code dirty}) and what the run
     * layered on the property files ({@code overrides}: {@code Meshgen-set: path=value} and the like).
     */
    public Provenance with(boolean dirty, List<String> overrides) {
      return new Provenance(sourceSha, sourceUrl, buildUrl, version, sourceRepository, dirty, overrides);
    }
  }

  /** HTTPS credentials; {@link #toString} never shows the password. */
  public record Credentials(String username, String password) {
    public Credentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=***]";
    }
  }

  /**
   * A folder in the repository as publish writes it: '/'-separated, without leading or trailing
   * '/' ("" for the root).
   *
   * @throws IllegalArgumentException for '..', '.git' or empty parts
   */
  public static String normalizePath(String prefix) {
    return normalizePrefix(prefix);
  }

  static String normalizePrefix(String prefix) {
    String p = prefix.replace('\\', '/');
    while (p.startsWith("/") || p.startsWith("./")) {
      p = p.startsWith("/") ? p.substring(1) : p.substring(2);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    for (String part : p.split("/", -1)) {
      if (!p.isEmpty() && (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(".git"))) {
        throw new IllegalArgumentException("bad prefix '" + prefix + "'");
      }
    }
    return p;
  }
}
