package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit throws into a message that says what to do. Secrets never pass: the password
 * is cut out of every text and URLs are redacted, and no JGit exception is kept as a cause.
 */
final class TransportErrors {
  private final RepositoryAddress address;
  private final String password;
  private final String branch;

  TransportErrors(RepositoryAddress address, String password, String branch) {
    this.address = address;
    this.password = password == null || password.isEmpty() ? null : password;
    this.branch = branch;
  }

  MeshgenException describe(Exception e) {
    String detail = scrub(chain(e)).strip();
    // Match words, not the URL: a port such as :40177 holds "401".
    String lower = detail.toLowerCase(Locale.ROOT).replaceAll("[a-z][a-z0-9+.-]*://\\S+", "<url>");
    if (lower.contains("not authorized") || lower.contains("authentication is required")
        || lower.contains("auth fail") || lower.contains("authentication failed") || lower.contains("permission denied")
        || lower.matches("(?s).*\\b40[13]\\b.*") || lower.contains("forbidden")) {
      return fail("authentication refused: check GIT_USERNAME and GIT_PASSWORD (or --username and the "
          + "variable named by --password-env) and that the account may push to this repository");
    }
    if (has(e, UnknownHostException.class) || has(e, ConnectException.class) || has(e, NoRouteToHostException.class)
        || has(e, SocketTimeoutException.class) || lower.contains("connection refused")
        || lower.contains("could not resolve") || lower.contains("unknown host") || lower.contains("no route to host")
        || lower.contains("timed out") || lower.contains("timeout")) {
      return fail("cannot reach the repository (" + detail + "): check the URL and the network, then run again");
    }
    if (lower.contains("sshsessionfactory")) {
      return fail("ssh needs a client: set GIT_SSH=ssh to let JGit use the system's ssh (its keys, agent and "
          + "known_hosts), or publish over https with GIT_USERNAME and GIT_PASSWORD");
    }
    if (has(e, NoRemoteRepositoryException.class) || lower.contains("repository not found")
        || lower.contains("not found")) {
      return fail("no git repository at this address: check --repo (" + detail + ")");
    }
    if (storage(lower)) {
      return fail("the repository could not store the push (" + detail + "); nothing changed on the remote. It "
          + "may be read-only or its disk full: fix that where it is kept (or ask its owner), then run again");
    }
    if (isSsh()) {
      return fail("ssh transport failed (" + detail + "): check that 'git ls-remote " + address.shown()
          + "' works with the same GIT_SSH, then run again");
    }
    return fail("git transport failed: " + detail);
  }

  private boolean isSsh() {
    String scheme = address.uri().getScheme();
    return scheme == null ? address.uri().getHost() != null : scheme.contains("ssh");
  }

  MeshgenException branchMissing() {
    return fail("branch '" + branch + "' does not exist here: create it, or pass --branch with an existing one");
  }

  /** A push the server refused; {@code serverSaid}: what its hooks printed (null or empty: nothing). */
  MeshgenException pushRefused(String why, String serverSaid) {
    String said = serverSaid == null || serverSaid.isBlank() ? "" : "; the server said: " + quote(serverSaid);
    String lower = (why + " " + said).toLowerCase(Locale.ROOT);
    String todo = storage(lower)
        ? "It may be read-only or its disk full: fix that where it is kept (or ask its owner), then run again"
        : lower.contains("hook") || !said.isEmpty()
            ? "Its hooks refuse this push: see what they say, ask the repository's owner, then run again"
            : "Check that the account may push to this branch (protected branches, permissions), then run again";
    return fail("the push to branch '" + branch + "' was refused (" + why + said + "); nothing changed on the "
        + "remote. " + todo);
  }

  /** Words of a server that cannot write: git's unpack and object-storage errors, a full disk, a read-only file system. */
  private static boolean storage(String lower) {
    return lower.contains("unpack") || lower.contains("permanent storage") || lower.contains("no space")
        || lower.contains("disk quota") || lower.contains("read-only file system") || lower.contains("insufficient permission");
  }

  /** {@code text}'s lines joined by "; ", at most 200 characters: server output must not forge lines of meshgen's. */
  private static String quote(String text) {
    String line = String.join("; ", text.lines().map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> !l.isEmpty()).toList());
    return "\"" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + "\"";
  }

  MeshgenException fail(String message) {
    return MeshgenException.of(address.shown(), scrub(message).replaceAll("[\\r\\n]+", " "));
  }

  /** {@code text} with the password replaced and URLs redacted; null stays null. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = RepositoryAddress.redact(text);
    if (password != null) {
      out = out.replace(password, "***");
    }
    return out;
  }

  private static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : ": ").append(m);
      }
    }
    return b.toString();
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
