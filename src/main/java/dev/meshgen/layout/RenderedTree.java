package dev.meshgen.layout;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one environment's output folder: relative paths ('/'-separated, sorted) to UTF-8
 * text with '\n' line ends. {@link #RECORD} lists every file meshgen wrote, marking the folder as
 * meshgen's own.
 */
public record RenderedTree(String environment, SortedMap<String, String> files) {
  /** The ownership record in every environment folder meshgen writes. */
  public static final String RECORD = ".meshgen";

  public RenderedTree {
    Objects.requireNonNull(environment, "environment");
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    files.forEach((path, text) -> {
      if (path.startsWith("/") || path.contains("..") || path.contains("\\") || text.contains("\r")) {
        throw new IllegalArgumentException("bad generated file " + path);
      }
    });
  }

  /** This tree with {@code path} added (or replaced) and the ownership record listing it. */
  public RenderedTree with(String path, String text) {
    TreeMap<String, String> copy = new TreeMap<>(files);
    copy.put(path, text);
    copy.put(RECORD, recordFor(copy));
    return new RenderedTree(environment, copy);
  }

  public byte[] bytes(String path) {
    return files.get(path).getBytes(StandardCharsets.UTF_8);
  }

  /** The record's text: a header and every file's path, sorted. */
  public static String recordFor(Map<String, String> files) {
    StringBuilder b = new StringBuilder(
        "# meshgen owns this folder: it rewrites and removes the files below on every run.\n"
            + "# Edit the property files and templates they come from, not these files.\n");
    files.keySet().stream().filter(p -> !p.equals(RECORD)).sorted().forEach(p -> b.append(p).append('\n'));
    return b.toString();
  }
}
