package dev.meshgen.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user info of each {@code scheme://} URL in a text, split as a URL parser does: the
 * authority ends at the first '/', '?' or '#', and the user info at the LAST '@' before that, so
 * {@code https://deploy:p@ss@host/x} has the password {@code p@ss} (issue 11: cutting at the first
 * '@' kept "ss" in commit trailers).
 */
record UrlUserInfo(String scheme, int start, int colon, int at) {
  private static final Pattern SCHEME = Pattern.compile("(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*)://");

  /** The user name: from the start to the colon, or the whole user info when there is no password. */
  String user(String text) {
    return text.substring(start, colon < 0 ? at : colon);
  }

  /** The password after the colon ("" when empty), or null when the user info has no colon. */
  String password(String text) {
    return colon < 0 ? null : text.substring(colon + 1, at);
  }

  /** Whether the scheme is one where a user name alone is a login name (ssh), not a token. */
  boolean isSsh() {
    String s = scheme.toLowerCase(java.util.Locale.ROOT);
    return s.equals("ssh") || s.equals("git+ssh") || s.equals("ssh+git") || s.equals("sftp");
  }

  static List<UrlUserInfo> in(String text) {
    List<UrlUserInfo> out = new ArrayList<>();
    Matcher m = SCHEME.matcher(text);
    while (m.find()) {
      int start = m.end();
      int end = start;
      while (end < text.length() && !endsAuthority(text.charAt(end))) {
        end++;
      }
      int at = text.lastIndexOf('@', end - 1);
      if (at >= start) {
        int colon = text.indexOf(':', start);
        out.add(new UrlUserInfo(m.group(1), start, colon >= 0 && colon < at ? colon : -1, at));
      }
    }
    return out;
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || c == '\\' || Character.isWhitespace(c) || c == '"' || c == '\''
        || c == '<' || c == '>' || c == '`' || c < 0x20;
  }
}
