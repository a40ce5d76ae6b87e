package dev.meshgen.diagnostic;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a user can fix: where it is, which key, and what is wrong.
 *
 * <p>Printed as {@code environments/prod.yaml:12:5: error: externalServices[1].host: required}.
 */
public record Diagnostic(Severity severity, Location location, String path, String message) {

  /** How bad a finding is: errors stop a render, warnings are reported. */
  public enum Severity {
    ERROR,
    WARNING;

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
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(Location location, String path, String message) {
    return new Diagnostic(Severity.ERROR, location, path, message);
  }

  public static Diagnostic warning(Location location, String path, String message) {
    return new Diagnostic(Severity.WARNING, location, path, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    String where = path.isEmpty() ? "" : path + ": ";
    return location + ": " + severity.label() + ": " + where + message;
  }
}
