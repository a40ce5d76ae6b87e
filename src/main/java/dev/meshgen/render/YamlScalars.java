package dev.meshgen.render;

import java.util.regex.Pattern;

/**
 * Writes any string as a YAML scalar that reads back as exactly that string: plain when that is
 * unambiguous under YAML 1.1 and 1.2, double-quoted with escapes otherwise. A value can therefore
 * never add keys, list items or documents, whatever quotes, colons, '#' or newlines it holds.
 */
public final class YamlScalars {
  /** Plain scalars we emit: letters, digits and a few safe punctuation marks, no indicators. */
  private static final Pattern SAFE_PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./-]*");

  /** Plain scalars that YAML 1.1 or 1.2 would read as something other than a string. */
  private static final Pattern NOT_A_STRING = Pattern.compile(
      "(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
          + "|null|Null|NULL|~"
          + "|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
          + "|[-+]?\\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?"
          + "|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+"
          + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
          + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
          + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?"
          + "|<<|=)");

  private YamlScalars() {}

  /** The YAML text for string {@code value}. */
  public static String quote(String value) {
    if (!value.isEmpty() && SAFE_PLAIN.matcher(value).matches() && !NOT_A_STRING.matcher(value).matches()) {
      return value;
    }
    return doubleQuoted(value);
  }

  private static String doubleQuoted(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF
              || c == 0xFFFE || c == 0xFFFF // noncharacters: raw, they make the file unreadable YAML (issue 11)
              || Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean validSurrogatePair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
