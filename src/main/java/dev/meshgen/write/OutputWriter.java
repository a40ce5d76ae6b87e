package dev.meshgen.write;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes environment folders under an output folder, atomically and only where meshgen owns them.
 *
 * <p>Each {@code <out>/<env>} is written complete into a sibling temporary folder, then swapped in
 * with renames, so a failed run leaves the previous output exactly as it was. An existing folder
 * is replaced only when its {@link RenderedTree#RECORD} lists every file in it: meshgen never
 * deletes what it did not write, and refuses a non-empty folder it does not own.
 */
public final class OutputWriter {
  private static final String TEMP_PREFIX = ".meshgen-tmp-";
  private static final String OLD_PREFIX = ".meshgen-old-";

  /** What happened to one environment folder. */
  public record Outcome(String environment, Path folder, boolean changed, int added, int modified, int removed) {}

  private OutputWriter() {}

  /** Checks every folder first, then writes each tree; nothing is written if any check fails. */
  public static List<Outcome> write(Path out, List<RenderedTree> trees) throws MeshgenException {
    List<Diagnostic> problems = new ArrayList<>();
    for (RenderedTree tree : trees) {
      problems.addAll(checkOwned(out.resolve(tree.environment())));
    }
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out)) {
      problems.add(Diagnostic.error(Location.ofFile(out.toString()), "", "output path exists and is not a folder"));
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw MeshgenException.of(out.toString(), "cannot write: " + e);
    }
    // Environment folders are independent: write them on all cores (file creation is kernel work).
    List<Object> results = trees.parallelStream().map(tree -> {
      try {
        return (Object) writeOne(out, tree);
      } catch (IOException e) {
        return e;
      }
    }).toList();
    List<Outcome> outcomes = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof IOException e) {
        throw MeshgenException.of(out.toString(), "cannot write: " + e);
      }
      outcomes.add((Outcome) r);
    }
    return outcomes;
  }

  /** Problems that stop meshgen from replacing {@code folder}; empty when it may. */
  static List<Diagnostic> checkOwned(Path folder) {
    String shown = folder.toString();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(Diagnostic.error(Location.ofFile(shown), "", "exists and is not a folder; meshgen will not replace it"));
    }
    try {
      Set<String> present = listFiles(folder);
      if (present.isEmpty()) {
        return List.of();
      }
      Path record = folder.resolve(RenderedTree.RECORD);
      if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
        return List.of(Diagnostic.error(Location.ofFile(shown), "",
            "folder is not empty and was not written by meshgen (no " + RenderedTree.RECORD
                + " record); choose another --out or empty it yourself"));
      }
      Set<String> owned = new HashSet<>(recorded(record));
      owned.add(RenderedTree.RECORD);
      TreeSet<String> foreign = new TreeSet<>(present);
      foreign.removeAll(owned);
      if (!foreign.isEmpty()) {
        return List.of(Diagnostic.error(Location.ofFile(shown), "",
            "holds files meshgen did not write, which it would lose: " + String.join(", ", foreign)
                + "; move them elsewhere (hand-kept patches belong in overlays/<role>/patches/)"));
      }
      return List.of();
    } catch (IOException e) {
      return List.of(Diagnostic.error(Location.ofFile(shown), "", "cannot read: " + e));
    }
  }

  private static Outcome writeOne(Path out, RenderedTree tree) throws IOException {
    Path target = out.resolve(tree.environment());
    Set<String> before = Files.isDirectory(target) ? listFiles(target) : Set.of();
    int added = 0;
    int modified = 0;
    for (String path : tree.files().keySet()) {
      if (!before.contains(path)) {
        added++;
      } else if (!java.util.Arrays.equals(Files.readAllBytes(target.resolve(path)), tree.bytes(path))) {
        modified++;
      }
    }
    int removed = (int) before.stream().filter(p -> !tree.files().containsKey(p)).count();
    if (added == 0 && modified == 0 && removed == 0) {
      return new Outcome(tree.environment(), target, false, 0, 0, 0);
    }
    Path temp = out.resolve(TEMP_PREFIX + tree.environment());
    Path old = out.resolve(OLD_PREFIX + tree.environment());
    deleteOurs(temp);
    deleteOurs(old);
    for (var file : tree.files().entrySet()) {
      Path p = temp.resolve(file.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    deleteOurs(old);
    return new Outcome(tree.environment(), target, true, added, modified, removed);
  }

  /** Removes a temporary folder of meshgen's own (named with its prefix) left by an earlier run. */
  private static void deleteOurs(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        try {
          Files.delete(dir);
        } catch (DirectoryNotEmptyException ignored) {
          // a file appeared meanwhile: leave it rather than lose it
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static Set<String> listFiles(Path folder) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> out.add(folder.relativize(p).toString().replace('\\', '/')));
    }
    return out;
  }

  private static List<String> recorded(Path record) throws IOException {
    return Files.readAllLines(record, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }
}
