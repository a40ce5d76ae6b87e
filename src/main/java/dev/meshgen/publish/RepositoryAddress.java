package dev.meshgen.publish;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
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
  private static final Pattern USERINFO = Pattern.compile("(?<=://)([^/@:]*):([^/@]*)@");

  RepositoryAddress {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(shown, "shown");
  }

  /** Reads {@code --repo}: a scheme URL, an scp-like {@code user@host:path}, or a local path. */
  static RepositoryAddress parse(String text) throws URISyntaxException {
    Objects.requireNonNull(text, "text");
    if (SCHEME.matcher(text).matches() || SCP_LIKE.matcher(text).matches()) {
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

  /** {@code https://user:secret@host/x} as {@code https://user:***@host/x}; other text unchanged. */
  static String redact(String text) {
    return text == null ? null : USERINFO.matcher(text).replaceAll("$1:***@");
  }

  /** Drops user and password from a URL, for trailers that anyone can read. */
  static String withoutUserInfo(String text) {
    return text == null ? null : text.replaceFirst("(?<=://)[^/@]*@", "");
  }

  boolean isLocal() {
    return localPath != null;
  }

  @Override
  public String toString() {
    return shown;
  }
}
