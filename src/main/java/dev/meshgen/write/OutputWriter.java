package dev.meshgen.write;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes environment folders under an output folder: all or nothing, crash-safe, and only where
 * meshgen owns them.
 *
 * <p>{@code <out>/<env>} is a symbolic link to a generation folder beside it,
 * {@code <out>/.meshgen-gen-<env>-<hash>}, that holds one complete tree. A run stages every changed
 * environment's new generation first; only when all are staged does it flip each link with one
 * {@code rename} (atomic on POSIX file systems), and only then removes the old generations. So at
 * every instant, even after {@code kill -9}, each {@code <out>/<env>} resolves to a complete old or
 * new tree, never a missing or mixed one; a run that fails before the flips changes nothing visible,
 * and a flip that fails is rolled back. Leftovers of a killed run are removed by the next run when
 * they hold only what meshgen wrote, and reported otherwise.
 *
 * <p>meshgen never deletes what it did not write: it refuses a non-empty folder without its
 * {@link RenderedTree#RECORD}, an owned folder holding files the record does not list, an output
 * folder that is a symbolic link, and one inside the project's own sources.
 */
public final class OutputWriter {
  /** What happened to one environment folder. */
  public record Outcome(String environment, Path folder, boolean changed, int added, int modified, int removed) {}

  private OutputWriter() {}

  /**
   * Writes {@code trees} under {@code out}; {@code sources} are folders the output must not lie in
   * (environments/, templates/, overlays/). Checks everything first; writes nothing if a check fails.
   */
  public static List<Outcome> write(Path out, List<RenderedTree> trees, List<Path> sources) throws MeshgenException {
    return write(out, trees, sources, java.util.Set.of());
  }

  /**
   * As {@link #write(Path, List, List)}; {@code intact} names environments whose tree was read back
   * from their folder by {@link #previous} in this run and found to be exactly what meshgen wrote
   * there: their files are not read and compared again (issue 14).
   */
  public static List<Outcome> write(Path out, List<RenderedTree> trees, List<Path> sources,
      java.util.Set<String> intact) throws MeshgenException {
    Objects.requireNonNull(out, "out");
    checkOutput(out, sources);
    List<Diagnostic> problems = new ArrayList<>();
    List<EnvironmentFolder> folders = new ArrayList<>();
    for (RenderedTree tree : trees) {
      EnvironmentFolder f = EnvironmentFolder.of(out, tree, intact.contains(tree.environment()));
      problems.addAll(f.problems());
      folders.add(f);
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw MeshgenException.of(out.toString(), "cannot create the output folder: " + message(e));
    }
    List<EnvironmentFolder> changed = folders.stream().filter(EnvironmentFolder::changed).toList();
    stage(out, changed);
    flip(out, changed);
    for (EnvironmentFolder f : changed) {
      try {
        Faults.at("cleanup", f.environment());
        f.removeOld();
      } catch (IOException e) {
        // best effort: the next run removes what is left of an old generation
      }
    }
    for (EnvironmentFolder f : folders) {
      if (!f.changed()) {
        try {
          f.removeLeftovers(); // a run killed after its flips left the old generation of an unchanged folder
        } catch (IOException e) {
          // the next run tries again
        }
      }
    }
    return folders.stream().map(EnvironmentFolder::outcome).toList();
  }

  /**
   * The files of {@code out/<environment>} as the last run left them (relative path to text, the
   * record included), when its record names {@code inputHash}; empty when the folder is absent,
   * not meshgen's link or folder, unreadable, or made from other inputs. Only the record is read
   * unless the hash matches; whether the files are intact is for the caller to check against it.
   */
  public static Optional<Map<String, String>> previous(Path out, String environment, String inputHash) {
    Objects.requireNonNull(inputHash, "inputHash");
    try {
      if (Files.isSymbolicLink(out)) {
        return Optional.empty(); // refused by write anyway
      }
      Optional<Path> folder = EnvironmentFolder.current(out, environment);
      if (folder.isEmpty()) {
        return Optional.empty();
      }
      Path record = folder.get().resolve(RenderedTree.RECORD);
      if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)
          || !RenderedTree.recordedInputs(Files.readString(record, StandardCharsets.UTF_8)).equals(Optional.of(inputHash))) {
        return Optional.empty();
      }
      Map<String, String> files = new TreeMap<>();
      for (String path : EnvironmentFolder.listFiles(folder.get())) {
        Path file = folder.get().resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
        files.put(path, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
      return Optional.of(files);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // rendered instead; write says what is wrong with the folder, if anything
    }
  }

  private static void checkOutput(Path out, List<Path> sources) throws MeshgenException {
    String shown = out.toString();
    if (Files.isSymbolicLink(out)) {
      throw MeshgenException.of(shown, "the output folder is a symbolic link; meshgen writes only into a real "
          + "folder, so nothing lands where the link points (give the link's target as --out if you mean it)");
    }
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw MeshgenException.of(shown, "output path exists and is not a folder");
    }
    Path real = realOrAbsolute(out);
    for (Path source : sources) {
      Path s = realOrAbsolute(source);
      if (real.startsWith(s) || s.startsWith(real)) {
        throw MeshgenException.of(shown, "the output folder overlaps the sources folder " + source
            + "; render somewhere else (e.g. --out build/out)");
      }
    }
  }

  /** The real path of {@code p}, or of its nearest existing parent with the rest appended. */
  private static Path realOrAbsolute(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    } catch (IOException e) {
      return abs;
    }
  }

  /** Writes every new generation, in parallel; on any failure removes them all: nothing visible changed. */
  private static void stage(Path out, List<EnvironmentFolder> changed) throws MeshgenException {
    List<IOException> failures = changed.parallelStream().map(f -> {
      try {
        f.stage();
        return null;
      } catch (IOException e) {
        return e;
      }
    }).filter(Objects::nonNull).toList();
    if (!failures.isEmpty()) {
      changed.forEach(EnvironmentFolder::unstage);
      throw MeshgenException.of(out.toString(), "cannot write: " + message(failures.get(0))
          + "; no environment folder was changed");
    }
  }

  /** Points each link at its new generation; if one flip fails, points the flipped ones back. */
  private static void flip(Path out, List<EnvironmentFolder> changed) throws MeshgenException {
    List<EnvironmentFolder> flipped = new ArrayList<>();
    for (EnvironmentFolder f : changed) {
      try {
        f.flip();
        flipped.add(f);
      } catch (IOException e) {
        List<String> stuck = new ArrayList<>();
        for (int i = flipped.size() - 1; i >= 0; i--) {
          EnvironmentFolder back = flipped.get(i);
          try {
            back.flipBack();
          } catch (IOException again) {
            stuck.add(back.environment());
          }
        }
        changed.forEach(EnvironmentFolder::unstage);
        throw MeshgenException.of(out.resolve(f.environment()).toString(), "cannot switch to the new output: "
            + message(e) + (stuck.isEmpty()
                ? "; every environment folder was left as it was"
                : "; these environment folders now hold the new output, the others the old: " + String.join(", ", stuck)));
      }
    }
  }

  static String message(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static Diagnostic error(Path p, String message) {
    return Diagnostic.error(Location.ofFile(p.toString()), "", message);
  }
}
