package dev.meshgen.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The write floor of issue 14: writes a finished render's files again with plain Files.write and prints how long that took. */
public final class WriteFloor {
  private WriteFloor() {}

  /** One environment's files, by path relative to the render's output folder. */
  record Folder(Map<Path, byte[]> files) {}

  /**
   * Reads every regular file under {@code rendered} (following the environment links meshgen
   * makes), one folder per environment, so that the timed part below only writes.
   */
  static List<Folder> read(Path rendered) throws IOException {
    List<Folder> folders = new ArrayList<>();
    try (Stream<Path> envs = Files.list(rendered)) {
      for (Path env : envs.sorted().toList()) {
        String name = env.getFileName().toString();
        // Generation folders are what the environment links point to: read through the links only.
        if (name.startsWith(".") || !Files.isDirectory(env)) {
          continue;
        }
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(env, FileVisitOption.FOLLOW_LINKS)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            files.put(rendered.relativize(file), Files.readAllBytes(file));
          }
        }
        folders.add(new Folder(files));
      }
    }
    return folders;
  }

  /**
   * Writes {@code folders} under {@code into}, environments in parallel as meshgen writes them,
   * and returns the seconds it took.
   */
  static double write(List<Folder> folders, Path into) {
    long start = System.nanoTime();
    folders.parallelStream().forEach(folder -> {
      try {
        for (Map.Entry<Path, byte[]> file : folder.files().entrySet()) {
          Path target = into.resolve(file.getKey());
          Files.createDirectories(target.getParent());
          Files.write(target, file.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return (System.nanoTime() - start) / 1e9;
  }

  /** {@code WriteFloor RENDERED INTO}: INTO must not exist; prints "seconds files bytes". */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: WriteFloor RENDERED_OUT FRESH_FOLDER");
      System.exit(64);
    }
    Path into = Path.of(args[1]);
    if (Files.exists(into)) {
      System.err.println("WriteFloor: " + into + " exists; give a fresh folder");
      System.exit(1);
    }
    List<Folder> folders = read(Path.of(args[0]));
    Files.createDirectories(into);
    double seconds = write(folders, into);
    long files = folders.stream().mapToLong(f -> f.files().size()).sum();
    long bytes = folders.stream().flatMap(f -> f.files().values().stream()).mapToLong(b -> b.length).sum();
    System.out.printf(Locale.ROOT, "%.3f %d %d%n", seconds, files, bytes);
  }
}
