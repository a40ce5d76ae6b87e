package dev.meshgen.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text and keeps them out of what meshgen prints or commits: token formats
 * (after gitleaks' and detect-secrets' default rules), private keys and PEM blocks raw or in
 * base64 at any offset, credentials in URLs, and random values under credential-shaped keys.
 *
 * <p>{@link #find} decides whether a value may enter the GitOps repository; {@link #redact} is
 * applied to every text a diagnostic carries, so a secret is never echoed in full (issue 11).
 */
public final class SecretText {
  /** Where a secret sits in a text, and what it looks like ("a GitHub token"). */
  public record Found(String kind, int start, int end) {
    public Found {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** One stretch of text to replace when redacting. */
  private record Span(int start, int end, String replacement) {}

  private static final int SHOWN = 4;
  private static final int SHOWN_FROM_LENGTH = 12;
  /** {@code key: value} or {@code KEY=value} inside a text, such as a source line or process environment. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)[\"']?[ \\t]*[:=][ \\t]*[\"']?([^\\s\"',;&]+)");

  private SecretText() {}

  /**
   * The first secret in {@code text}: a token format, key material, credentials in a URL (a
   * password, or a token as the user name), or {@code password=...} with a random value.
   */
  public static Optional<Found> find(String text) {
    Objects.requireNonNull(text, "text");
    for (TokenFormats.Format f : TokenFormats.ALL) {
      Matcher m = f.pattern().matcher(text);
      if (m.find()) {
        return Optional.of(new Found(f.kind(), m.start(), m.end()));
      }
    }
    for (UrlUserInfo u : UrlUserInfo.in(text)) {
      String password = u.password(text);
      if (password != null && !password.isEmpty()) {
        return Optional.of(new Found("credentials in a URL", u.start(), u.at()));
      }
      if (password == null && !u.isSsh() && Credentials.looksLikeToken(u.user(text))) {
        return Optional.of(new Found("a token as the user name of a URL", u.start(), u.at()));
      }
    }
    return credentialAssignments(text).stream().findFirst()
        .map(m -> new Found("a credential (" + m.group(1) + "=...)", m.start(2), m.end(2)));
  }

  /**
   * The secret in the value of {@code key} (the last key of its path, null for a list item): what
   * {@link #find(String)} finds, or a random value under a credential-shaped key such as
   * {@code password} or {@code apiKey}.
   */
  public static Optional<Found> find(String key, String value) {
    Optional<Found> found = find(value);
    if (found.isPresent() || key == null || !Credentials.isCredentialKey(key)) {
      return found;
    }
    if (key.toLowerCase(java.util.Locale.ROOT).contains("aws") && value.matches("[0-9A-Za-z/+]{40}")) {
      return Optional.of(new Found("an AWS secret access key", 0, value.length()));
    }
    if (Credentials.looksRandom(value)) {
      return Optional.of(new Found("a random value under a credential key", 0, value.length()));
    }
    return Optional.empty();
  }

  /** {@code value} as it may be printed: its first 4 characters then {@code ***}; only {@code ***} when short. */
  public static String mask(String value) {
    Objects.requireNonNull(value, "value");
    if (value.codePointCount(0, value.length()) < SHOWN_FROM_LENGTH) {
      return "***";
    }
    String head = value.substring(0, value.offsetByCodePoints(0, SHOWN));
    return head.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\'' || c == '"')
        ? "***" : head + "***";
  }

  /**
   * {@code text} with every secret {@link #find(String)} would flag masked ({@code ghp_***}) and
   * the password of every URL replaced ({@code https://deploy:***@host}); a user name that is a
   * token is masked too. Other text is unchanged; redacting twice changes nothing.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Span> spans = new ArrayList<>();
    for (TokenFormats.Format f : TokenFormats.ALL) {
      Matcher m = f.pattern().matcher(text);
      while (m.find()) {
        spans.add(reach(f.extent(), text, m.start(), m.end()));
      }
    }
    for (UrlUserInfo u : UrlUserInfo.in(text)) {
      String user = u.user(text);
      String password = u.password(text);
      if (password != null && !password.isEmpty()) {
        spans.add(new Span(u.colon() + 1, u.at(), "***"));
      }
      if (!u.isSsh() && Credentials.looksLikeToken(user)) {
        spans.add(new Span(u.start(), u.start() + user.length(), null));
      }
    }
    for (MatchResult m : credentialAssignments(text)) {
      spans.add(new Span(m.start(2), m.end(2), null));
    }
    if (spans.isEmpty()) {
      return text;
    }
    return apply(text, spans);
  }

  /** {@code value} as it may be printed: masked whole when it holds a secret, else {@link #redact redacted}. */
  public static String redact(String key, String value) {
    if (value == null) {
      return null;
    }
    return find(key, value).isPresent() ? mask(value) : redact(value);
  }

  /** {@code url} without user name and password (for commit trailers anyone can read); other text unchanged. */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    List<Span> spans = new ArrayList<>();
    for (UrlUserInfo u : UrlUserInfo.in(url)) {
      spans.add(new Span(u.start(), u.at() + 1, ""));
    }
    return spans.isEmpty() ? url : apply(url, spans);
  }

  /**
   * Each {@code key=value} in {@code text} whose key is credential-shaped and value random. A value
   * may itself hold an assignment ({@code --set labels.x=DB_PASSWORD=...}), so the search goes on
   * from each value's start, not its end.
   */
  private static List<MatchResult> credentialAssignments(String text) {
    List<MatchResult> out = new ArrayList<>();
    Matcher m = ASSIGNMENT.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      if (Credentials.isCredentialKey(m.group(1)) && Credentials.looksRandom(m.group(2))) {
        out.add(m.toMatchResult());
        from = m.end();
      } else {
        from = m.start(2);
      }
    }
    return out;
  }

  /** The span to mask for a match: the token, or the whole block, base64 run or rest that a marker starts. */
  private static Span reach(TokenFormats.Extent extent, String text, int start, int end) {
    switch (extent) {
      case PEM_BLOCK -> {
        int footer = text.indexOf("-----END", end);
        int close = footer < 0 ? -1 : text.indexOf("-----", footer + "-----END".length());
        return new Span(start, close < 0 ? text.length() : close + "-----".length(), null);
      }
      case BASE64_RUN -> {
        int from = start;
        while (from > 0 && isBase64(text.charAt(from - 1))) {
          from--;
        }
        int to = end;
        while (to < text.length() && isBase64(text.charAt(to))) {
          to++;
        }
        return new Span(from, to, null);
      }
      case REST_OF_TEXT -> {
        return new Span(start, text.length(), null);
      }
      default -> {
        return new Span(start, end, null);
      }
    }
  }

  private static boolean isBase64(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
        || c == '-' || c == '_' || c == '\n' || c == '\r';
  }

  private static String apply(String text, List<Span> spans) {
    spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
    StringBuilder out = new StringBuilder();
    int at = 0;
    int i = 0;
    while (i < spans.size()) {
      Span s = spans.get(i);
      int end = s.end();
      String replacement = s.replacement();
      // Overlapping findings (a token that is also a URL's password) are masked as one.
      while (i + 1 < spans.size() && spans.get(i + 1).start() < end) {
        i++;
        if (spans.get(i).end() > end) {
          end = spans.get(i).end();
          replacement = null;
        }
      }
      out.append(text, at, s.start());
      out.append(replacement != null ? replacement : mask(text.substring(s.start(), end)));
      at = end;
      i++;
    }
    return out.append(text.substring(at)).toString();
  }
}
