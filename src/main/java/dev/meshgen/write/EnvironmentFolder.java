package dev.meshgen.write;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.layout.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One environment's place in the output folder: what is there now (nothing, meshgen's link to a
 * generation, or a plain folder an older meshgen wrote), whether the new tree differs, and the
 * steps that replace it (stage, flip, remove the old one) or undo them.
 */
final class EnvironmentFolder {
  static final String GENERATION = ".meshgen-gen-";
  private static final String LINK = ".meshgen-link-";
  /** Names an older meshgen used for its plain-folder swap; removed like any leftover. */
  private static final List<String> LEGACY_LEFTOVERS = List.of(".meshgen-tmp-", ".meshgen-old-");
  private static final Pattern GENERATION_NAME = Pattern.compile(Pattern.quote(GENERATION) + "(.+)-([0-9a-f]{12})");

  private enum Kind { ABSENT, LINKED, PLAIN }

  private final Path out;
  private final RenderedTree tree;
  private final Path link;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final List<Path> leftovers = new ArrayList<>();
  private Kind kind = Kind.ABSENT;
  /** The folder the environment's files are in now: a generation, or the plain folder itself. */
  private Path current;
  private int added;
  private int modified;
  private int removed;
  private Path staged;
  private Path movedAside;

  private EnvironmentFolder(Path out, RenderedTree tree) {
    this.out = out;
    this.tree = tree;
    this.link = out.resolve(tree.environment());
  }

  /**
   * Looks at what is there now; problems say why meshgen may not replace it. {@code intact}: the
   * run read {@code tree} back from this very folder and found it exactly as meshgen wrote it, so
   * its files are not read and compared again.
   */
  static EnvironmentFolder of(Path out, RenderedTree tree, boolean intact) {
    EnvironmentFolder f = new EnvironmentFolder(out, tree);
    f.inspect(intact);
    return f;
  }

  String environment() {
    return tree.environment();
  }

  List<Diagnostic> problems() {
    return problems;
  }

  boolean changed() {
    return added + modified + removed > 0 || kind == Kind.ABSENT;
  }

  OutputWriter.Outcome outcome() {
    return new OutputWriter.Outcome(tree.environment(), link, changed(), added, modified, removed);
  }

  /**
   * The folder {@code out/<environment>} shows now: the generation its link points to, when the
   * link is meshgen's, or the plain folder an older meshgen wrote; empty otherwise.
   */
  static java.util.Optional<Path> current(Path out, String environment) throws IOException {
    Path link = out.resolve(environment);
    if (Files.isSymbolicLink(link)) {
      Path target = Files.readSymbolicLink(link);
      Matcher m = GENERATION_NAME.matcher(target.toString());
      boolean ours = target.getNameCount() == 1 && m.matches() && m.group(1).equals(environment)
          && Files.isDirectory(out.resolve(target), LinkOption.NOFOLLOW_LINKS);
      return ours ? java.util.Optional.of(out.resolve(target)) : java.util.Optional.empty();
    }
    return Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS) ? java.util.Optional.of(link) : java.util.Optional.empty();
  }

  private void inspect(boolean intact) {
    try {
      if (Files.isSymbolicLink(link)) {
        Path target = Files.readSymbolicLink(link);
        Matcher m = GENERATION_NAME.matcher(target.toString());
        if (target.getNameCount() != 1 || !m.matches() || !m.group(1).equals(environment())
            || !Files.isDirectory(out.resolve(target), LinkOption.NOFOLLOW_LINKS)) {
          problems.add(OutputWriter.error(link, "is a symbolic link meshgen did not make (to " + target
              + "); meshgen will not replace it"));
          return;
        }
        kind = Kind.LINKED;
        current = out.resolve(target);
      } else if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
        kind = Kind.PLAIN;
        current = link;
      } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(OutputWriter.error(link, "exists and is not a folder; meshgen will not replace it"));
        return;
      }
      if (current != null && intact) {
        // Read back and checked against its record in this run (issue 14): nothing to compare.
        findLeftovers();
        return;
      }
      if (current != null) {
        Set<String> present = listFiles(current);
        String foreign = foreign(current, present);
        if (foreign != null) {
          problems.add(OutputWriter.error(link, foreign));
          return;
        }
        for (String path : tree.files().keySet()) {
          if (!present.contains(path)) {
            added++;
          } else if (!java.util.Arrays.equals(Files.readAllBytes(current.resolve(path)), tree.bytes(path))) {
            modified++;
          }
        }
        removed = (int) present.stream().filter(p -> !tree.files().containsKey(p)).count();
        if (present.isEmpty()) {
          added = tree.files().size();
        }
      } else {
        added = tree.files().size();
      }
      findLeftovers();
    } catch (IOException e) {
      problems.add(OutputWriter.error(link, "cannot read: " + OutputWriter.message(e)));
    }
  }

  /** Why {@code folder} is not meshgen's to replace, or null when it is (empty, or every file recorded). */
  private static String foreign(Path folder, Set<String> present) throws IOException {
    if (present.isEmpty()) {
      return null;
    }
    Path record = folder.resolve(RenderedTree.RECORD);
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return "folder is not empty and was not written by meshgen (no " + RenderedTree.RECORD
          + " record); choose another --out or empty it yourself";
    }
    Set<String> owned = new HashSet<>(recorded(record));
    owned.add(RenderedTree.RECORD);
    TreeSet<String> others = new TreeSet<>(present);
    others.removeAll(owned);
    if (!others.isEmpty()) {
      return "holds files meshgen did not write, which it would lose: " + String.join(", ", others)
          + "; move them elsewhere (hand-kept patches belong in overlays/<role>/patches/)";
    }
    return null;
  }

  /** Generations and temporary links of this environment that a killed run left behind. */
  private void findLeftovers() throws IOException {
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(out, ".meshgen-*")) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        Matcher m = GENERATION_NAME.matcher(name);
        boolean mine = m.matches() && m.group(1).equals(environment())
            || name.equals(LINK + environment())
            || LEGACY_LEFTOVERS.stream().anyMatch(p -> name.equals(p + environment()));
        if (!mine || child.equals(current)) {
          continue;
        }
        if (Files.isSymbolicLink(child) || !Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          leftovers.add(child);
          continue;
        }
        Set<String> present = listFiles(child);
        if (foreign(child, present) == null) {
          leftovers.add(child);
        } else {
          Path record = child.resolve(RenderedTree.RECORD);
          TreeSet<String> others = new TreeSet<>(present);
          if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            others.removeAll(recorded(record));
            others.remove(RenderedTree.RECORD);
          }
          problems.add(OutputWriter.error(child, "a folder a killed run left behind holds files meshgen did not write ("
              + String.join(", ", others.stream().limit(10).toList()) + (others.size() > 10 ? ", ..." : "")
              + "); meshgen leaves it alone: move what you need out of it and delete it, then run again"));
        }
      }
    }
  }

  /** Removes what earlier, killed runs left of this environment (all of it meshgen's, checked before). */
  void removeLeftovers() throws IOException {
    for (Path leftover : leftovers) {
      deleteOurs(leftover);
    }
  }

  /** Removes this environment's leftovers and writes the new generation: the record first, then every file. */
  void stage() throws IOException {
    removeLeftovers();
    if (!changed()) {
      return;
    }
    staged = out.resolve(GENERATION + environment() + "-" + hash(tree));
    deleteOurs(staged); // a same-named generation from a killed run may be half written
    Files.createDirectories(staged);
    // The record first: whatever a kill leaves in a generation is listed in it, hence meshgen's to remove.
    Files.write(staged.resolve(RenderedTree.RECORD), tree.bytes(RenderedTree.RECORD));
    int half = tree.files().size() / 2;
    int written = 0;
    for (var file : tree.files().entrySet()) {
      if (written++ == half) {
        Faults.at("stage", environment());
      }
      if (file.getKey().equals(RenderedTree.RECORD)) {
        continue;
      }
      Path p = staged.resolve(file.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, file.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Points the environment at its new generation with one rename. */
  void flip() throws IOException {
    Faults.at("flip", environment());
    Path temp = out.resolve(LINK + environment());
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, staged.getFileName());
    if (kind == Kind.PLAIN) {
      // Once, when an older meshgen's plain folder becomes a link: the one moment it is absent.
      movedAside = out.resolve(".meshgen-old-" + environment());
      deleteOurs(movedAside);
      Files.move(link, movedAside, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Undoes {@link #flip()}: the environment shows what it showed before. */
  void flipBack() throws IOException {
    switch (kind) {
      case LINKED -> {
        Path temp = out.resolve(LINK + environment());
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, current.getFileName());
        Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
      }
      case PLAIN -> {
        Files.deleteIfExists(link);
        Files.move(movedAside, link, StandardCopyOption.ATOMIC_MOVE);
      }
      case ABSENT -> Files.deleteIfExists(link);
    }
  }

  /** Removes a staged generation that will not be used. */
  void unstage() {
    try {
      if (staged != null) {
        deleteOurs(staged);
      }
      Files.deleteIfExists(out.resolve(LINK + environment()));
    } catch (IOException e) {
      // the next run removes it
    }
  }

  /** Removes what the environment showed before the flip. */
  void removeOld() throws IOException {
    if (kind == Kind.LINKED && current != null && !current.equals(staged)) {
      deleteOurs(current);
    } else if (kind == Kind.PLAIN && movedAside != null) {
      deleteOurs(movedAside);
    }
  }

  /** A short digest of the tree's paths and bytes: generation names are stable for the same output. */
  static String hash(RenderedTree tree) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (var file : tree.files().entrySet()) {
        d.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(file.getValue().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a folder (or link) of meshgen's own; a file that appears meanwhile is left, not lost. */
  static void deleteOurs(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(folder);
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

  static Set<String> listFiles(Path folder) throws IOException {
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
