package dev.meshgen.cli;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.secret.SecretText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Prints diagnostics as {@code file:line:col: error: path: message}, with the source line and a caret. */
final class Diagnostics {
  private static final int MAX_LINE = 200;
  private Diagnostics() {}

  static void print(List<Diagnostic> diagnostics, PrintStream to) {
    for (Diagnostic d : diagnostics.stream().sorted(Diagnostic.ORDER).toList()) {
      to.println(d);
      String line = sourceLine(d);
      if (line != null) {
        to.println("  " + line);
        to.println("  " + " ".repeat(Math.max(0, d.location().column() - 1)) + "^");
      }
    }
  }

  /**
   * The source line as it may be printed, or null: a line of a file that is not text (a link to
   * {@code /proc/self/environ}) or too long to be a property is not shown, and secrets on it are
   * masked (issue 11).
   */
  static String quotable(String line) {
    if (line.length() > MAX_LINE || line.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF)) {
      return null;
    }
    return SecretText.redact(line);
  }

  static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.stream().filter(Diagnostic::isWarning).count();
    long acknowledged = diagnostics.size() - errors - warnings;
    return errors + (errors == 1 ? " error" : " errors") + (warnings > 0 ? ", " + warnings + " warning(s)" : "")
        + (acknowledged > 0 ? ", " + acknowledged + " acknowledged" : "");
  }

  private static String sourceLine(Diagnostic d) {
    if (d.location().line() <= 0 || d.location().column() <= 0) {
      return null;
    }
    try {
      Path file = Path.of(d.location().file());
      if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
        return null;
      }
      try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        return lines.skip(d.location().line() - 1L).findFirst().map(l -> l.replace('\t', ' '))
            .map(Diagnostics::quotable).orElse(null);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
