package dev.meshgen.publish;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.publish.Publication.EnvironmentChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The branch's tree with the environments' folders replaced by fresh renders: which files each
 * environment gains, changes and loses, and the new tree. Everything outside those folders is
 * carried over untouched; a folder is replaced only when absent or owned by meshgen (its
 * {@link RenderedTree#RECORD} lists every file in it), the same rule as {@code meshgen render}.
 */
final class TreeUpdate {
  private final DirCache base;
  private final Map<String, RenderedTree> byFolder;
  private final List<EnvironmentChange> changes;
  private final List<Diagnostic> problems;

  private TreeUpdate(DirCache base, Map<String, RenderedTree> byFolder, List<EnvironmentChange> changes,
      List<Diagnostic> problems) {
    this.base = base;
    this.byFolder = byFolder;
    this.changes = changes;
    this.problems = problems;
  }

  /**
   * Compares {@code trees} with {@code baseTree} (null for a branch that does not exist yet); each
   * environment's folder is {@code <prefixOf(env)>/<env>}.
   *
   * @param shown how the repository and branch are named in diagnostics
   * @param intact environments whose tree was read back from {@code baseTree}'s folder and found
   *     exactly as meshgen wrote it: the folder keeps its entries, with nothing hashed (issue 14)
   */
  static TreeUpdate compute(ObjectReader reader, ObjectId baseTree, java.util.function.UnaryOperator<String> prefixOf,
      List<RenderedTree> trees, String shown, Set<String> intact) throws IOException {
    DirCache base = baseTree == null ? DirCache.newInCore() : DirCache.read(reader, baseTree);
    Map<String, RenderedTree> byFolder = new LinkedHashMap<>();
    List<EnvironmentChange> changes = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      for (RenderedTree tree : trees) {
        String prefix = prefixOf.apply(tree.environment());
        String folder = prefix.isEmpty() ? tree.environment() : prefix + "/" + tree.environment();
        if (intact.contains(tree.environment())) {
          changes.add(new EnvironmentChange(tree.environment(), folder, List.of(), List.of(), List.of()));
          continue; // not replaced: write() carries its entries over like any folder outside the render
        }
        byFolder.put(folder, tree);
        Map<String, DirCacheEntry> present = entriesUnder(base, folder);
        String conflict = fileInTheWay(base, folder);
        if (conflict != null) {
          problems.add(problem(shown, folder, "'" + conflict + "' is a file, not a folder; meshgen will not replace it"));
          continue;
        }
        String notOwned = ownership(reader, present);
        if (notOwned != null) {
          problems.add(problem(shown, folder, notOwned));
          continue;
        }
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        for (var file : tree.files().entrySet()) {
          DirCacheEntry old = present.get(file.getKey());
          if (old == null) {
            added.add(file.getKey());
          } else if (old.getFileMode() != FileMode.REGULAR_FILE
              || !old.getObjectId().equals(hasher.idFor(Constants.OBJ_BLOB, tree.bytes(file.getKey())))) {
            modified.add(file.getKey());
          }
        }
        List<String> removed = present.keySet().stream().filter(p -> !tree.files().containsKey(p)).toList();
        changes.add(new EnvironmentChange(tree.environment(), folder, added, modified, removed));
      }
    }
    return new TreeUpdate(base, byFolder, List.copyOf(changes), List.copyOf(problems));
  }

  /** Why environments cannot be published; empty when all can. */
  List<Diagnostic> problems() {
    return problems;
  }

  List<EnvironmentChange> changes() {
    return changes;
  }

  boolean changed() {
    return changes.stream().anyMatch(EnvironmentChange::changed);
  }

  /** Inserts the rendered files and writes the new tree; everything else keeps its entry. */
  ObjectId write(ObjectInserter inserter) throws IOException {
    if (!problems.isEmpty()) {
      throw new IllegalStateException("tree has problems: " + problems);
    }
    DirCache next = DirCache.newInCore();
    DirCacheBuilder builder = next.builder();
    for (int i = 0; i < base.getEntryCount(); i++) {
      DirCacheEntry entry = base.getEntry(i);
      if (owningFolder(entry.getPathString()) == null) {
        builder.add(entry);
      }
    }
    for (var folder : byFolder.entrySet()) {
      for (var file : folder.getValue().files().entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(folder.getKey() + "/" + file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
        builder.add(entry);
      }
    }
    builder.finish();
    return next.writeTree(inserter);
  }

  private String owningFolder(String path) {
    for (String folder : byFolder.keySet()) {
      if (path.startsWith(folder + "/")) {
        return folder;
      }
    }
    return null;
  }

  private static Map<String, DirCacheEntry> entriesUnder(DirCache base, String folder) {
    Map<String, DirCacheEntry> out = new TreeMap<>();
    for (DirCacheEntry entry : base.getEntriesWithin(folder)) {
      out.put(entry.getPathString().substring(folder.length() + 1), entry);
    }
    return out;
  }

  /** A file at {@code folder} or at one of its parents, which a folder cannot replace. */
  private static String fileInTheWay(DirCache base, String folder) {
    String path = folder;
    while (true) {
      if (base.findEntry(path) >= 0) {
        return path;
      }
      int slash = path.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      path = path.substring(0, slash);
    }
  }

  /** Null when meshgen may replace the folder holding {@code present}; otherwise why not. */
  private static String ownership(ObjectReader reader, Map<String, DirCacheEntry> present) throws IOException {
    if (present.isEmpty()) {
      return null;
    }
    DirCacheEntry record = present.get(RenderedTree.RECORD);
    if (record == null || record.getFileMode() != FileMode.REGULAR_FILE) {
      return "folder is not empty and was not written by meshgen (no " + RenderedTree.RECORD
          + " record); choose another --path or move its files away";
    }
    Set<String> owned = new HashSet<>();
    owned.add(RenderedTree.RECORD);
    String text = new String(reader.open(record.getObjectId()).getBytes(), StandardCharsets.UTF_8);
    text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(owned::add);
    TreeSet<String> foreign = new TreeSet<>(present.keySet());
    foreign.removeAll(owned);
    if (!foreign.isEmpty()) {
      return "holds files meshgen did not write, which it would lose: " + String.join(", ", foreign)
          + "; move them out of the folder (hand-kept patches belong in overlays/<role>/patches/)";
    }
    return null;
  }

  private static Diagnostic problem(String shown, String folder, String message) {
    return Diagnostic.error(Location.ofFile(shown), folder + "/", message);
  }
}
