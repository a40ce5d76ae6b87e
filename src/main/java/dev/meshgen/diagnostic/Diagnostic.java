package dev.meshgen.diagnostic;

import dev.meshgen.secret.SecretText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a user can fix: where it is, which key, what is wrong, and which check found it.
 * Findings are data: reporters print them as text or JSON, nothing parses the text back.
 *
 * <p>Printed as {@code environments/prod.yaml:12:5: error: externalServices[1].host: required},
 * with {@code [rule]} at the end for the setup's named rules. {@code rule} is {@link #SCHEMA} for
 * a schema finding (property file or rendered resource), a rule's name, or "" for a file that
 * could not be read at all.
 *
 * <p>A finding never carries a secret: its file, path and message are {@link SecretText#redact redacted}.
 */
public record Diagnostic(Severity severity, Location location, String path, String message, String rule) {
  /** The rule name of every schema finding. */
  public static final String SCHEMA = "schema";


  /**
   * How bad a finding is: errors stop a render, warnings are reported (and fail {@code --strict}),
   * acknowledged warnings are reported once, with the reason the property file gives.
   */
  public enum Severity {
    ERROR,
    WARNING,
    ACKNOWLEDGED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Orders findings by file, line, column, then text, so reports are stable. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.location().file())
          .thenComparingInt(d -> d.location().line())
          .thenComparingInt(d -> d.location().column())
          .thenComparing(Diagnostic::path)
          .thenComparing(Diagnostic::message)
          .thenComparing(Diagnostic::rule);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(rule, "rule");
    // The last line of defence of issue 11: whatever a finding quotes, a secret in it is masked.
    path = SecretText.redact(path);
    message = SecretText.redact(message);
    String file = SecretText.redact(location.file());
    if (!file.equals(location.file())) {
      location = new Location(file, location.line(), location.column());
    }
    // One finding is one line, of a readable length: no value can forge a line or flood the log.
    path = oneLine(path, MAX_PATH);
    message = oneLine(message, MAX_MESSAGE);
  }

  private static final int MAX_PATH = 200;
  private static final int MAX_MESSAGE = 1000;

  /**
   * {@code text} on one line (control characters escaped as {@code \n}, {@code \u0000}) and at
   * most {@code max} characters, then "…".
   */
  public static String oneLine(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), max + 8));
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\ufffe' || c == '\uffff') {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (b.length() >= max && !b.toString().equals(text)) {
      b.setLength(max);
      b.append('…');
    }
    return b.toString();
  }

  /** {@code value} quoted for a message: one line, at most 120 characters, then "…". */
  public static String quote(String value) {
    return "'" + oneLine(value, 120) + "'";
  }

  public static Diagnostic error(Location location, String path, String message) {
    return new Diagnostic(Severity.ERROR, location, path, message, "");
  }

  public static Diagnostic warning(Location location, String path, String message) {
    return new Diagnostic(Severity.WARNING, location, path, message, "");
  }

  /** This warning, accepted for {@code reason} (the property file's acknowledgement). */
  public Diagnostic acknowledged(String reason) {
    return new Diagnostic(Severity.ACKNOWLEDGED, location, path, message + " (reason: " + reason + ")", rule);
  }

  /** This warning as an error: what {@code --strict} makes of a warning nobody acknowledged. */
  public Diagnostic strict() {
    return severity == Severity.WARNING
        ? new Diagnostic(Severity.ERROR, location, path, message + " (an error under --strict)", rule)
        : this;
  }

  public boolean isWarning() {
    return severity == Severity.WARNING;
  }

  /** This finding, found by {@code rule}. */
  public Diagnostic withRule(String rule) {
    return new Diagnostic(severity, location, path, message, rule);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    String where = path.isEmpty() ? "" : path + ": ";
    String by = rule.isEmpty() || rule.equals(SCHEMA) ? "" : " [" + rule + "]";
    return location + ": " + severity.label() + ": " + where + message + by;
  }
}
