package dev.meshgen.layout;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Unit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one environment's output folder: the {@link Manifest}s (every YAML document
 * meshgen made, parsed once) and the other files (the traffic picture, hand-kept patches, the
 * ownership record), as relative paths ('/'-separated, sorted) to UTF-8 text with '\n' line ends.
 * {@link #RECORD} lists every file meshgen wrote, marking the folder as meshgen's own.
 */
public final class RenderedTree {
  /** The ownership record in every environment folder meshgen writes. */
  public static final String RECORD = ".meshgen";

  private final String environment;
  private final SortedMap<String, Manifest> manifests;
  private final SortedMap<String, String> files;

  /**
   * A tree of {@code manifests} plus {@code others} (path to text); the ownership record is one of
   * the others when the tree is complete.
   */
  public RenderedTree(String environment, Collection<Manifest> manifests, Map<String, String> others) {
    this.environment = Objects.requireNonNull(environment, "environment");
    TreeMap<String, Manifest> byPath = new TreeMap<>();
    TreeMap<String, String> all = new TreeMap<>(others);
    for (Manifest m : manifests) {
      if (!m.environment().equals(environment)) {
        throw new IllegalArgumentException(m.file() + " is not of environment " + environment);
      }
      if (byPath.put(m.path(), m) != null || others.containsKey(m.path())) {
        throw new IllegalArgumentException("two files at " + m.path());
      }
      all.put(m.path(), m.text());
    }
    all.forEach((path, text) -> {
      if (path.startsWith("/") || path.contains("..") || path.contains("\\") || text.contains("\r")) {
        throw new IllegalArgumentException("bad generated file " + path);
      }
    });
    this.manifests = Collections.unmodifiableSortedMap(byPath);
    this.files = Collections.unmodifiableSortedMap(all);
  }

  /**
   * Reads a tree back from its files (a GitOps repository's copy, or a test's edited copy): every
   * {@code .yaml} file in a {@link Unit}'s folder, except hand-kept patches, is parsed into a
   * manifest of that unit.
   *
   * @throws MeshgenException naming the file, line and column of YAML that cannot be read
   */
  public static RenderedTree readBack(String environment, Map<String, String> files) throws MeshgenException {
    return readBack(environment, files, false);
  }

  /**
   * As {@link #readBack(String, Map)}, for what a GitOps repository holds: a file in a unit's folder
   * that is not one readable YAML document (a hand-edited file, say) is left out rather than
   * refused, so a diff can still compare the rest; publish refuses such a folder anyway.
   */
  public static RenderedTree readBackLeniently(String environment, Map<String, String> files) {
    try {
      return readBack(environment, files, true);
    } catch (MeshgenException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  private static RenderedTree readBack(String environment, Map<String, String> files, boolean lenient)
      throws MeshgenException {
    List<Manifest> manifests = new ArrayList<>();
    Map<String, String> others = new TreeMap<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
      String path = f.getKey();
      Optional<Unit> unit = Unit.holding(path);
      if (unit.isPresent() && path.endsWith(".yaml") && !path.contains("/patches/")) {
        try {
          manifests.add(Manifest.parse(environment, path, unit.get(), f.getValue()));
        } catch (MeshgenException e) {
          if (!lenient) { // leniently, the file is left out, as diff has always done
            problems.addAll(e.diagnostics());
          }
        }
      } else {
        others.put(path, f.getValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    return new RenderedTree(environment, manifests, others);
  }

  public String environment() {
    return environment;
  }

  /** Every file, manifests included: path to text. */
  public SortedMap<String, String> files() {
    return files;
  }

  /** The parsed documents, sorted by path. */
  public Collection<Manifest> manifests() {
    return manifests.values();
  }

  /** The manifest at {@code path}, if that file is one. */
  public Optional<Manifest> manifest(String path) {
    return Optional.ofNullable(manifests.get(path));
  }

  /** This tree with the non-manifest file {@code path} added (or replaced) and the ownership record listing it. */
  public RenderedTree with(String path, String text) {
    if (manifests.containsKey(path)) {
      throw new IllegalArgumentException(path + " is a manifest");
    }
    TreeMap<String, String> others = new TreeMap<>(files);
    others.keySet().removeAll(manifests.keySet());
    others.put(path, text);
    TreeMap<String, String> all = new TreeMap<>(files);
    all.put(path, text);
    others.put(RECORD, recordFor(all));
    return new RenderedTree(environment, manifests.values(), others);
  }

  public byte[] bytes(String path) {
    return files.get(path).getBytes(StandardCharsets.UTF_8);
  }

  /** The record's text: a header and every file's path, sorted. */
  public static String recordFor(Map<String, String> files) {
    return recordFor(files, null);
  }

  /**
   * The record's text for a folder made from inputs whose hash is {@code inputHash} (null: none
   * known): the header, then the input hash and a digest of the files' paths and bytes, which
   * a later run compares to skip an environment whose inputs did not change (issue 14), then every
   * file's path, sorted.
   */
  public static String recordFor(Map<String, String> files, String inputHash) {
    StringBuilder b = new StringBuilder(
        "# meshgen owns this folder: it rewrites and removes the files below on every run.\n"
            + "# Edit the property files and templates they come from, not these files.\n");
    if (inputHash != null) {
      b.append(INPUTS).append(inputHash).append('\n').append(FILES).append(digest(files)).append('\n');
    }
    files.keySet().stream().filter(p -> !p.equals(RECORD)).sorted().forEach(p -> b.append(p).append('\n'));
    return b.toString();
  }

  /** This tree with {@link Manifest#withoutTree()} manifests: the same files, for writing or publishing only. */
  public RenderedTree withoutTrees() {
    TreeMap<String, String> others = new TreeMap<>(files);
    others.keySet().removeAll(manifests.keySet());
    return new RenderedTree(environment, manifests.values().stream().map(Manifest::withoutTree).toList(), others);
  }

  /** This tree with its record naming {@code inputHash}, the hash of what it was rendered from. */
  public RenderedTree withInputs(String inputHash) {
    Objects.requireNonNull(inputHash, "inputHash");
    TreeMap<String, String> others = new TreeMap<>(files);
    others.keySet().removeAll(manifests.keySet());
    others.put(RECORD, recordFor(files, inputHash));
    return new RenderedTree(environment, manifests.values(), others);
  }

  /** The input hash a record names, if it names one. */
  public static Optional<String> recordedInputs(String record) {
    int at = record == null ? -1 : record.indexOf("\n" + INPUTS);
    if (at < 0) {
      return Optional.empty();
    }
    int start = at + 1 + INPUTS.length();
    int end = record.indexOf('\n', start);
    return Optional.of(record.substring(start, end < 0 ? record.length() : end));
  }

  /**
   * True when {@code files} (a folder's paths to text, its record included) are exactly what
   * meshgen wrote from inputs hashing to {@code inputHash}: the record names that hash, lists
   * exactly the other files, and their digest matches. A file edited, added or removed by hand
   * fails this, so the folder is rendered again rather than trusted.
   */
  public static boolean isMadeFrom(Map<String, String> files, String inputHash) {
    String record = files.get(RECORD);
    return record != null && inputHash != null && record.equals(recordFor(files, inputHash));
  }

  /** True when the record lists exactly the tree's other files (with or without an input hash). */
  public boolean isComplete() {
    String record = files.get(RECORD);
    return record != null && record.equals(recordFor(files, recordedInputs(record).orElse(null)));
  }

  private static final String INPUTS = "# inputs sha256:";
  private static final String FILES = "# files sha256:";

  /**
   * SHA-256 over every file but the record, in path order: each path and text as UTF-8, each
   * prefixed with its length in bytes, so no two trees share a digest by moving bytes across a
   * boundary.
   */
  private static String digest(Map<String, String> files) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(Long.BYTES);
      SortedMap<String, String> sorted = files instanceof SortedMap<String, String> m && m.comparator() == null
          ? m : new TreeMap<>(files);
      for (Map.Entry<String, String> f : sorted.entrySet()) {
        if (f.getKey().equals(RECORD)) {
          continue;
        }
        for (String part : List.of(f.getKey(), f.getValue())) {
          byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
          d.update(length.clear().putLong(bytes.length).array());
          d.update(bytes);
        }
      }
      return java.util.HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedTree t && t.environment.equals(environment) && t.files.equals(files);
  }

  @Override
  public int hashCode() {
    return environment.hashCode() * 31 + files.hashCode();
  }

  @Override
  public String toString() {
    return "RenderedTree[" + environment + ", " + files.size() + " files]";
  }
}
