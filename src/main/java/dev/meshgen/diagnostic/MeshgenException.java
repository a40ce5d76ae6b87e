package dev.meshgen.diagnostic;

import java.util.List;
import java.util.Objects;

/**
 * The one checked exception of meshgen: a failure the user caused, carrying every problem found,
 * each with its file, line and key, so they can all be fixed in one go.
 */
public final class MeshgenException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  public MeshgenException(List<Diagnostic> diagnostics) {
    super(summary(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public MeshgenException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  /** A problem that has no file behind it, such as an unreachable remote. */
  public static MeshgenException of(String where, String message) {
    return new MeshgenException(Diagnostic.error(Location.ofFile(where), "", message));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String summary(List<Diagnostic> diagnostics) {
    Objects.requireNonNull(diagnostics, "diagnostics");
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a MeshgenException needs at least one diagnostic");
    }
    return diagnostics.size() == 1
        ? diagnostics.get(0).toString()
        : diagnostics.get(0) + " (and " + (diagnostics.size() - 1) + " more)";
  }
}
