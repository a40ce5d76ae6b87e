package dev.meshgen.secret;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credential-shaped places: a key named like a password or token (detect-secrets'
 * KeywordDetector words) holding a value random enough to be one (its high-entropy checks).
 */
final class Credentials {
  private static final Set<String> WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase", "secret",
      "secrets", "token", "tokens", "credential", "credentials", "creds", "bearer", "apikey", "privatekey",
      "accesskey", "authkey", "secretkey", "contrasena");
  private static final Set<String> KEY_PREFIXES = Set.of("api", "private", "access", "auth", "secret", "service",
      "account", "client", "signing", "encryption");
  /** A key ending in one of these names or points at a secret ({@code secretName}, {@code tokenRef}), it holds none. */
  private static final Set<String> REFERENCE_WORDS = Set.of("name", "names", "ref", "namespace", "file", "path", "id",
      "type", "mode", "enabled", "ttl", "length", "url", "key");
  private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
  private static final int MIN_LENGTH = 8;
  /** Bits per character; detect-secrets uses 3.0 for hex and 4.5 for base64 strings of 20+ characters. */
  private static final double MIN_ENTROPY = 3.0;

  private Credentials() {}

  /** Whether {@code key} (one key, not a path) names a credential: {@code password}, {@code apiKey}, {@code SECRET_TOKEN}. */
  static boolean isCredentialKey(String key) {
    List<String> words = Arrays.stream(WORD_BREAK.split(key))
        .filter(w -> !w.isEmpty()).map(w -> w.toLowerCase(Locale.ROOT)).toList();
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    if (REFERENCE_WORDS.contains(last) && !(last.equals("key") && words.size() > 1
        && KEY_PREFIXES.contains(words.get(words.size() - 2)))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (WORDS.contains(w) || (w.equals("key") && i > 0 && KEY_PREFIXES.contains(words.get(i - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code value} is random enough to be a password or key: 8+ characters, no spaces, high entropy. */
  static boolean looksRandom(String value) {
    return value.length() >= MIN_LENGTH && value.chars().noneMatch(Character::isWhitespace)
        && entropy(value) >= MIN_ENTROPY;
  }

  /** Whether a user name in a URL is a token: long, letters and digits, random (a GitHub classic token is 40 hex). */
  static boolean looksLikeToken(String user) {
    return user.length() >= 20 && user.chars().anyMatch(Character::isDigit)
        && user.chars().anyMatch(Character::isLetter) && entropy(user) >= MIN_ENTROPY;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    char[] chars = s.toCharArray();
    Arrays.sort(chars);
    double h = 0;
    for (int i = 0, run; i < chars.length; i += run) {
      run = 1;
      while (i + run < chars.length && chars[i + run] == chars[i]) {
        run++;
      }
      double p = (double) run / chars.length;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }
}
