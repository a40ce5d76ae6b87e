package dev.meshgen.diagnostic;

import java.util.Objects;

/**
 * Where a value was written: a file (as the user named it), a 1-based line and column.
 * Line 0 means "the file as a whole"; {@code --set} overrides use the pseudo-file {@code --set}.
 */
public record Location(String file, int line, int column) {
  public Location {
    Objects.requireNonNull(file, "file");
  }

  public static Location ofFile(String file) {
    return new Location(file, 0, 0);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
