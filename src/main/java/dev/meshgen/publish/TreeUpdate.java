package dev.meshgen.publish;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.publish.Publication.EnvironmentChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
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
  /** Per folder, the files whose content the branch already holds: path to the blob it has (issue 14). */
  private final Map<String, Map<String, ObjectId>> unchanged;
  /** The base entries inside the replaced folders, by index: the folders' entries are contiguous in a DirCache. */
  private final BitSet replaced;
  private final List<EnvironmentChange> changes;
  private final List<Diagnostic> problems;

  private TreeUpdate(DirCache base, Map<String, RenderedTree> byFolder, Map<String, Map<String, ObjectId>> unchanged,
      BitSet replaced, List<EnvironmentChange> changes, List<Diagnostic> problems) {
    this.base = base;
    this.byFolder = byFolder;
    this.unchanged = unchanged;
    this.replaced = replaced;
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
    Map<String, Map<String, ObjectId>> unchanged = new HashMap<>();
    BitSet replaced = new BitSet(base.getEntryCount());
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
        DirCacheEntry[] within = base.getEntriesWithin(folder);
        Map<String, DirCacheEntry> present = byPath(folder, within);
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
        if (within.length > 0) {
          // "folder/" sorts just before its first entry, so the lookup misses and names where they start.
          int start = -(base.findEntry(folder + "/") + 1);
          replaced.set(start, start + within.length);
        }
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        Map<String, ObjectId> kept = new HashMap<>();
        for (String path : tree.files().keySet()) {
          DirCacheEntry old = present.get(path);
          if (old == null) {
            added.add(path);
          } else if (old.getFileMode() != FileMode.REGULAR_FILE
              || !old.getObjectId().equals(hasher.idFor(Constants.OBJ_BLOB, tree.bytes(path)))) {
            modified.add(path);
          } else {
            kept.put(path, old.getObjectId());
          }
        }
        unchanged.put(folder, kept);
        List<String> removed = present.keySet().stream().filter(p -> !tree.files().containsKey(p)).toList();
        changes.add(new EnvironmentChange(tree.environment(), folder, added, modified, removed));
      }
    }
    return new TreeUpdate(base, byFolder, unchanged, replaced, List.copyOf(changes), List.copyOf(problems));
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

  /**
   * Inserts the rendered files the branch does not hold yet and writes the new tree; everything
   * else keeps its entry, and files whose content is unchanged keep their blob without inserting it again.
   */
  ObjectId write(ObjectInserter inserter) throws IOException {
    if (!problems.isEmpty()) {
      throw new IllegalStateException("tree has problems: " + problems);
    }
    DirCache next = DirCache.newInCore();
    DirCacheBuilder builder = next.builder();
    for (int i = replaced.nextClearBit(0); i < base.getEntryCount(); i = replaced.nextClearBit(i + 1)) {
      builder.add(base.getEntry(i));
    }
    for (var folder : byFolder.entrySet()) {
      Map<String, ObjectId> kept = unchanged.get(folder.getKey());
      RenderedTree tree = folder.getValue();
      for (String path : tree.files().keySet()) {
        ObjectId id = kept.get(path);
        DirCacheEntry entry = new DirCacheEntry(folder.getKey() + "/" + path);
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(id != null ? id : inserter.insert(Constants.OBJ_BLOB, tree.bytes(path)));
        builder.add(entry);
      }
    }
    builder.finish();
    return next.writeTree(inserter);
  }

  private static Map<String, DirCacheEntry> byPath(String folder, DirCacheEntry[] within) {
    Map<String, DirCacheEntry> out = new TreeMap<>();
    for (DirCacheEntry entry : within) {
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
