package dev.meshgen.layout;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
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
  /** The parsed documents; null for a tree kept from an earlier run until something asks for them. */
  private SortedMap<String, Manifest> manifests;
  /** Every file's text; null for a tree kept from an earlier run until something asks for the texts. */
  private SortedMap<String, String> files;
  /** Every file's path, sorted. */
  private final java.util.SortedSet<String> paths;
  /** Where a kept tree's texts are read from on first use; null for a tree made in this run. */
  private final Folder folder;

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
      if (bad(path, text)) {
        throw new IllegalArgumentException("bad generated file " + path);
      }
    });
    this.manifests = Collections.unmodifiableSortedMap(byPath);
    this.files = Collections.unmodifiableSortedMap(all);
    this.paths = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(all.keySet()));
    this.folder = null;
  }

  private RenderedTree(String environment, java.util.SortedSet<String> paths, Folder folder) {
    this.environment = environment;
    this.manifests = null;
    this.files = null;
    this.paths = Collections.unmodifiableSortedSet(paths);
    this.folder = folder;
  }

  /**
   * An environment's folder as an earlier run left it (issue 14): each file's git blob id, which a
   * GitOps repository holds without reading the file, and its text, read when asked for.
   */
  public interface Folder {
    /** Every file's relative path ('/'-separated) to its git blob id ({@link #blobId}), the record included. */
    Map<String, String> blobIds();

    /**
     * The text of the file at {@code path}, one of {@link #blobIds()}'s.
     *
     * @throws java.io.UncheckedIOException when it cannot be read now
     */
    String text(String path);

    /** A folder of files already read: path to text. */
    static Folder of(Map<String, String> files) {
      Map<String, String> ids = new TreeMap<>();
      files.forEach((path, text) -> ids.put(path, blobId(text)));
      return new Folder() {
        @Override
        public Map<String, String> blobIds() {
          return ids;
        }

        @Override
        public String text(String path) {
          return files.get(path);
        }
      };
    }
  }

  /**
   * An earlier run's tree of {@code environment}, when {@code folder} holds exactly what meshgen
   * wrote there from inputs hashing to {@code inputHash} ({@link #isMadeFrom}); empty otherwise.
   * Only the record is read here: the other files' texts are read, and the documents parsed, when
   * something asks for them (issue 14: a run that keeps the folder as it is needs none of them). A
   * document that cannot be parsed then is left out, as {@link #readBackLeniently} does: meshgen
   * wrote and checked it, and the record's digest says nobody changed it since.
   */
  public static Optional<RenderedTree> kept(String environment, Folder folder, String inputHash) {
    Objects.requireNonNull(environment, "environment");
    if (!isMadeFrom(folder, inputHash) || folder.blobIds().keySet().stream().anyMatch(p -> bad(p, ""))) {
      return Optional.empty();
    }
    return Optional.of(new RenderedTree(environment, new java.util.TreeSet<>(folder.blobIds().keySet()), folder));
  }

  /** As {@link #kept(String, Folder, String)}, for files already read: path to text. */
  public static Optional<RenderedTree> kept(String environment, Map<String, String> files, String inputHash) {
    return kept(environment, Folder.of(files), inputHash);
  }

  /** Every file's text, reading a kept tree's on first use. */
  private synchronized SortedMap<String, String> texts() {
    if (files == null) {
      TreeMap<String, String> all = new TreeMap<>();
      for (String path : paths) {
        String text = folder.text(path);
        if (bad(path, text)) {
          throw new IllegalStateException("bad kept file " + environment + "/" + path);
        }
        all.put(path, text);
      }
      files = Collections.unmodifiableSortedMap(all);
    }
    return files;
  }

  /** Every file's path, sorted, without reading a kept tree's texts. */
  public java.util.SortedSet<String> paths() {
    return paths;
  }

  /**
   * Git's id of a blob holding {@code text} as UTF-8: SHA-1 over {@code "blob <length>\0"} and the
   * bytes. A record's digest is over these, so a GitOps repository's folder is checked from its
   * tree alone, without reading its files (issue 14).
   */
  public static String blobId(String text) {
    try {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-1");
      d.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().formatHex(d.digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean bad(String path, String text) {
    return path.startsWith("/") || path.contains("..") || path.contains("\\") || text.contains("\r");
  }

  /** The parsed documents, parsing a kept tree's on first use. */
  private synchronized SortedMap<String, Manifest> parsed() {
    if (manifests == null) {
      TreeMap<String, Manifest> byPath = new TreeMap<>();
      readBackLeniently(environment, texts()).manifests().forEach(m -> byPath.put(m.path(), m));
      manifests = Collections.unmodifiableSortedMap(byPath);
    }
    return manifests;
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
    return texts();
  }

  /** The parsed documents, sorted by path. */
  public Collection<Manifest> manifests() {
    return parsed().values();
  }

  /** The manifest at {@code path}, if that file is one. */
  public Optional<Manifest> manifest(String path) {
    return Optional.ofNullable(parsed().get(path));
  }

  /**
   * How many resources the tree holds: its YAML documents but kustomizations, counted by path as
   * publish and diff count them ({@code kustomization.yaml} is the one name meshgen gives a
   * kustomization, and a resource's file is named {@code <kind>_..._<name>.yaml}), so a kept tree
   * is counted without parsing it.
   */
  public long resources() {
    return paths.stream().filter(p -> p.endsWith(".yaml") && !p.endsWith("/kustomization.yaml")
        && !p.contains("/patches/") && Unit.holding(p).isPresent()).count();
  }

  /** This tree with the non-manifest file {@code path} added (or replaced) and the ownership record listing it. */
  public RenderedTree with(String path, String text) {
    if (parsed().containsKey(path)) {
      throw new IllegalArgumentException(path + " is a manifest");
    }
    TreeMap<String, String> others = new TreeMap<>(texts());
    others.keySet().removeAll(manifests.keySet());
    others.put(path, text);
    TreeMap<String, String> all = new TreeMap<>(texts());
    all.put(path, text);
    others.put(RECORD, recordFor(all));
    return new RenderedTree(environment, manifests.values(), others);
  }

  public byte[] bytes(String path) {
    return texts().get(path).getBytes(StandardCharsets.UTF_8);
  }

  /** The record's text: a header and every file's path, sorted. */
  public static String recordFor(Map<String, String> files) {
    return recordFor(files, null, List.of());
  }

  /**
   * The record's text for a folder made from inputs whose hash is {@code inputHash} (null: none
   * known): the header, then the input hash and a digest of the files' paths and bytes, which
   * a later run compares to skip an environment whose inputs did not change (issue 14), then every
   * file's path, sorted.
   */
  public static String recordFor(Map<String, String> files, String inputHash) {
    return recordFor(files, inputHash, List.of());
  }

  /** As {@link #recordFor(Map, String)}, with the {@link Finding} lines after the digest, which covers them too. */
  private static String recordFor(Map<String, String> files, String inputHash, List<String> findings) {
    if (inputHash == null) {
      return recordOf(files.keySet(), null, null, List.of());
    }
    Map<String, String> ids = new TreeMap<>();
    files.forEach((path, text) -> ids.put(path, path.equals(RECORD) ? "" : blobId(text)));
    return recordOf(ids.keySet(), inputHash, digest(ids, findings), findings);
  }

  /** The record's text for a folder of {@code paths} whose digest is {@code digest} (null without an input hash). */
  private static String recordOf(java.util.Set<String> paths, String inputHash, String digest, List<String> findings) {
    StringBuilder b = new StringBuilder(
        "# meshgen owns this folder: it rewrites and removes the files below on every run.\n"
            + "# Edit the property files and templates they come from, not these files.\n");
    if (inputHash != null) {
      b.append(INPUTS).append(inputHash).append('\n').append(FILES).append(digest).append('\n');
      findings.forEach(f -> b.append(f).append('\n'));
    }
    paths.stream().filter(p -> !p.equals(RECORD)).sorted().forEach(p -> b.append(p).append('\n'));
    return b.toString();
  }

  /**
   * This tree with its texts only: the documents are parsed again if something asks for them.
   * Output that is only written or published from here on keeps no parsed trees (issue 14).
   */
  public RenderedTree withoutTrees() {
    return new RenderedTree(environment, texts());
  }

  private RenderedTree(String environment, SortedMap<String, String> files) {
    this.environment = environment;
    this.manifests = null;
    this.files = files;
    this.paths = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(files.keySet()));
    this.folder = null;
  }

  /**
   * A finding of the validation of this tree, as the record keeps it: the finding (its file in
   * this tree) and the resource that file holds ({@link Manifest#id()}, "" for none), which is
   * what an acknowledgement names.
   */
  public record Finding(Diagnostic diagnostic, String resource) {
    public Finding {
      Objects.requireNonNull(diagnostic, "diagnostic");
      Objects.requireNonNull(resource, "resource");
    }
  }

  /**
   * This tree with its record naming {@code inputHash}, the hash of what it was rendered from,
   * and keeping {@code findings}, what validating it found. The findings are a function of the
   * same inputs, so a later run that keeps the tree reports them from the record rather than
   * parsing and validating the tree again (issue 14). When a finding cannot be kept exactly (one
   * about a file outside the tree, or text the record's lines cannot hold), the tree is returned
   * with a record that names no input hash: it is rendered again next time, never misreported.
   */
  public RenderedTree withInputs(String inputHash, List<Diagnostic> findings) {
    Objects.requireNonNull(inputHash, "inputHash");
    List<String> lines = new ArrayList<>();
    for (Diagnostic d : findings.stream().sorted(Diagnostic.ORDER).distinct().toList()) {
      String line = line(d);
      if (line == null) {
        return this;
      }
      lines.add(line);
    }
    TreeMap<String, String> others = new TreeMap<>(texts());
    others.keySet().removeAll(parsed().keySet());
    others.put(RECORD, recordFor(texts(), inputHash, lines));
    return new RenderedTree(environment, manifests.values(), others);
  }

  /** This tree with its record naming {@code inputHash} and no findings. */
  public RenderedTree withInputs(String inputHash) {
    return withInputs(inputHash, List.of());
  }

  /** {@code d} as a record line, or null when the line could not give back exactly {@code d}. */
  private String line(Diagnostic d) {
    String file = d.location().file();
    if (!file.startsWith(environment + "/")) {
      return null;
    }
    String path = file.substring(environment.length() + 1);
    Manifest m = parsed().get(path);
    String resource = m == null ? "" : m.id();
    List<String> fields = List.of(d.severity().label(), d.rule(), path, String.valueOf(d.location().line()),
        String.valueOf(d.location().column()), resource, d.path(), d.message());
    if (fields.stream().anyMatch(f -> f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)) {
      return null;
    }
    String line = FINDING + String.join("\t", fields);
    return new Finding(d, resource).equals(finding(environment, line)) ? line : null;
  }

  /** The finding a record line keeps, or null when it is not one meshgen wrote. */
  private static Finding finding(String environment, String line) {
    String[] f = fields(line);
    return f == null ? null : new Finding(new Diagnostic(Diagnostic.Severity.valueOf(f[0].toUpperCase(java.util.Locale.ROOT)),
        new Location(environment + "/" + f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4])), f[6], f[7], f[1]), f[5]);
  }

  /**
   * The fields of a finding line (severity, rule, file, line, column, resource, key path,
   * message), or null when it is not one; no {@link Diagnostic} is made, which would scan the
   * text for secrets again.
   */
  private static String[] fields(String line) {
    if (!line.startsWith(FINDING)) {
      return null;
    }
    String[] f = line.substring(FINDING.length()).split("\t", -1);
    if (f.length != 8 || java.util.Arrays.stream(Diagnostic.Severity.values()).noneMatch(s -> s.label().equals(f[0]))) {
      return null;
    }
    try {
      Integer.parseInt(f[3]);
      Integer.parseInt(f[4]);
      return f;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The finding lines of {@code record}, in order; null when one of them is not well formed. */
  private static List<String> findingLines(String record) {
    List<String> out = new ArrayList<>();
    for (String line : record.split("\n", -1)) {
      if (line.startsWith(FINDING)) {
        if (fields(line) == null) {
          return null;
        }
        out.add(line);
      }
    }
    return out;
  }

  /**
   * The findings this tree's record keeps ({@link #withInputs(String, List)}), in order; empty
   * when it keeps none.
   */
  public List<Finding> recordedFindings() {
    String record = paths.contains(RECORD) ? (files != null ? files.get(RECORD) : folder.text(RECORD)) : null;
    if (record == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (String line : record.split("\n", -1)) {
      Finding f = finding(environment, line);
      if (f != null) {
        out.add(f);
      }
    }
    return out;
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
   * meshgen wrote from inputs hashing to {@code inputHash}: the record names that hash, keeps
   * well-formed findings, lists exactly the other files, and their digest (findings included)
   * matches. A file edited, added or removed by hand fails this, so the folder is rendered again
   * rather than trusted.
   */
  public static boolean isMadeFrom(Map<String, String> files, String inputHash) {
    return isMadeFrom(Folder.of(files), inputHash);
  }

  /** As {@link #isMadeFrom(Map, String)}, reading only the record: the rest is checked by blob id. */
  public static boolean isMadeFrom(Folder folder, String inputHash) {
    Map<String, String> ids = folder.blobIds();
    if (!ids.containsKey(RECORD) || inputHash == null) {
      return false;
    }
    String record = folder.text(RECORD);
    List<String> findings = findingLines(record);
    return findings != null && record.equals(recordOf(ids.keySet(), inputHash, digest(ids, findings), findings));
  }

  /** True when the record lists exactly the tree's other files (with or without an input hash). */
  public boolean isComplete() {
    if (folder != null) {
      return true; // a kept tree: checked once, when it was read
    }
    String record = files.get(RECORD);
    if (record == null) {
      return false;
    }
    List<String> findings = findingLines(record);
    return findings != null && record.equals(recordFor(files, recordedInputs(record).orElse(null), findings));
  }

  private static final String INPUTS = "# inputs sha256:";
  private static final String FILES = "# files sha256:";
  private static final String FINDING = "# finding\t";

  /**
   * SHA-256 over every file but the record, in path order, then over the record's finding lines:
   * each path, git blob id ({@code ids}: path to {@link #blobId}) and line as UTF-8, each prefixed
   * with its length in bytes, so no two trees share a digest by moving bytes across a boundary.
   */
  private static String digest(Map<String, String> ids, List<String> findings) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(Long.BYTES);
      SortedMap<String, String> sorted = ids instanceof SortedMap<String, String> m && m.comparator() == null
          ? m : new TreeMap<>(ids);
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
      for (String line : findings) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        d.update(length.clear().putLong(bytes.length).array());
        d.update(bytes);
      }
      return java.util.HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedTree t && t.environment.equals(environment) && t.files().equals(files());
  }

  @Override
  public int hashCode() {
    return environment.hashCode() * 31 + files().hashCode();
  }

  @Override
  public String toString() {
    return "RenderedTree[" + environment + ", " + paths.size() + " files]";
  }
}
