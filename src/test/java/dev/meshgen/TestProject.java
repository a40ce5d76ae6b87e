package dev.meshgen;

import dev.meshgen.cli.Main;
import dev.meshgen.pipeline.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test fixture (fixed environments with the shipped templates and overlays), the shipped
 * environments for the tests that lock them, copies to change in a test, and meshgen run in-process.
 */
public final class TestProject {
  private TestProject() {}

  /** The project root (Surefire and Failsafe pass it; else the working directory). */
  public static Path root() {
    return Path.of(System.getProperty("meshgen.root", ".")).toAbsolutePath().normalize();
  }

  /**
   * The fixture environments (src/test/resources/fixture/environments: {@code example}, the
   * reference setup, and {@code multi-region}) with the shipped templates and overlays: what
   * behaviour tests render, so adding, renaming or removing a shipped environment cannot break
   * them (issue 9).
   */
  public static Sources sources() {
    Path root = root();
    return new Sources(root.resolve("src/test/resources/fixture/environments"), root.resolve("templates"),
        root.resolve("overlays"));
  }

  /**
   * The shipped environments/ with templates/ and overlays/: only for tests that lock what the
   * shipped environments render, and those iterate over whatever environments/ holds.
   */
  public static Sources shipped() {
    Path root = root();
    return new Sources(root.resolve("environments"), root.resolve("templates"), root.resolve("overlays"));
  }

  /** Whether this run approves (rewrites) locked output instead of comparing: MESHGEN_APPROVE=1, never under CI. */
  public static boolean approving() {
    return "1".equals(System.getenv("MESHGEN_APPROVE")) && System.getenv("CI") == null;
  }

  /** Copies the fixture's environments/ with templates/ and overlays/ into {@code dir}; returns their Sources. */
  public static Sources copySources(Path dir) {
    Sources s = sources();
    copyTree(s.environments(), dir.resolve("environments"));
    copyTree(s.templates(), dir.resolve("templates"));
    copyTree(s.overlays(), dir.resolve("overlays"));
    return new Sources(dir.resolve("environments"), dir.resolve("templates"), dir.resolve("overlays"));
  }

  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p) && !p.equals(from)) {
          // A rendered output folder's environments are links to their generations: copy the link.
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The arguments that point a command at {@code sources}. */
  public static List<String> sourceArgs(Sources s) {
    return List.of("--environments", s.environments().toString(), "--templates", s.templates().toString(),
        "--overlays", s.overlays().toString());
  }

  /** What a run printed and returned. */
  public record Result(int exit, String out, String err) {
    /** The first line of stderr that reports an error (warnings may come before it). */
    public String firstError() {
      return err.lines().filter(l -> l.contains(": error: ") || l.startsWith("meshgen")).findFirst().orElse("");
    }
  }

  public static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(args, o, e);
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static Result render(Sources s, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("render"));
    args.addAll(sourceArgs(s));
    args.addAll(List.of("--out", out.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** Every file under {@code dir} (relative path to SHA-256), to compare folders byte for byte. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    // Through links, as a reader sees it: each environment folder is a link to its generation.
    try (Stream<Path> files = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : files.toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          out.put(rel + "/", "dir");
        } else {
          out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Writes {@code text} to {@code file}, creating folders. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
