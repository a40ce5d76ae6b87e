package dev.meshgen.publish;

import java.net.URISyntaxException;
import java.nio.file.Path;
import dev.meshgen.secret.SecretText;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * Where the GitOps repository is: a URL or a local path, split into the address JGit connects
 * to (without a password) and any credentials the user embedded in it, plus a redacted form that
 * is the only one ever printed.
 */
record RepositoryAddress(URIish uri, String shown, String embeddedUser, String embeddedPassword, Path localPath) {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/@:]+@[^/:]+:.*");
  /** An empty user name with a password, up to the last '@' before the path: {@code https://:secret@host/x}. */
  private static final Pattern EMPTY_USER = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://:([^/?#]*)@");

  RepositoryAddress {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(shown, "shown");
  }

  /** Reads {@code --repo}: a scheme URL, an scp-like {@code user@host:path}, or a local path. */
  static RepositoryAddress parse(String text) throws URISyntaxException {
    Objects.requireNonNull(text, "text");
    if (SCHEME.matcher(text).matches() || SCP_LIKE.matcher(text).matches()) {
      Matcher empty = EMPTY_USER.matcher(text);
      if (empty.find()) {
        // https://:token@host: JGit's parser needs a user name, so the password is split off here.
        URIish bare = new URIish(text.substring(0, empty.start(1) - 1) + text.substring(empty.end()));
        return new RepositoryAddress(bare, redact(text), null, empty.group(1), null);
      }
      URIish full = new URIish(text);
      String user = full.getUser();
      String password = full.getPass();
      URIish bare = password == null ? full : full.setPass(null);
      boolean local = "file".equals(full.getScheme());
      return new RepositoryAddress(bare, redact(text), user, password,
          local ? Path.of(full.getPath()) : null);
    }
    Path path = Path.of(text).toAbsolutePath().normalize();
    return new RepositoryAddress(new URIish(path.toString()), text, null, null, path);
  }

  /**
   * {@code https://user:p@ss@host/x} as {@code https://user:***@host/x} (user info ends at the last
   * '@' before the host), a token as the user name masked ({@code https://glpa***@host/x}); other
   * text unchanged.
   */
  static String redact(String text) {
    return SecretText.redact(text);
  }

  /** Drops user and password from a URL, for trailers that anyone can read. */
  static String withoutUserInfo(String text) {
    return SecretText.withoutUserInfo(text);
  }

  boolean isLocal() {
    return localPath != null;
  }

  @Override
  public String toString() {
    return shown;
  }
}
