package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real git binary in tests: to make and inspect repositories the way a user would, and fsck them. */
public final class GitCli {
  private GitCli() {}

  /** Runs {@code git args} in {@code dir}; returns stdout, failing the test on a non-zero exit. */
  public static String run(Path dir, String... args) {
    Result r = tryRun(dir, args);
    assertEquals(0, r.exit(), () -> "git " + String.join(" ", args) + " failed:\n" + r.output());
    return r.stdout();
  }

  /** Exit code, stdout, and stdout plus stderr of one git run. */
  public record Result(int exit, String stdout, String output) {}

  public static Result tryRun(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Hand", "-c", "user.email=hand@example.com",
        "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"));
    command.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      var err = p.getErrorStream();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git " + command + " timed out");
      }
      return new Result(p.exitValue(), stdout, stdout + stderr);
    } catch (IOException e) {
      throw new AssertionError("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Like {@link #tryRun}, but null where git cannot be started at all (not installed). */
  public static Result tryRunOrNull(Path dir, String... args) {
    try {
      new ProcessBuilder("git", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return tryRun(dir, args);
  }

  /** A new empty bare repository at {@code dir} with {@code main} as its initial branch. */
  public static Path initBare(Path dir) {
    run(dir.getParent(), "init", "--bare", "-q", "-b", "main", dir.toString());
    return dir;
  }

  /** Asserts {@code git fsck --strict} finds nothing wrong in {@code repo}, not even an unreferenced object. */
  public static void assertFsckClean(Path repo) {
    assertFsck(repo, "fsck", "--strict", "--no-progress");
  }

  /**
   * Like {@link #assertFsckClean} but allows dangling objects: the pack of a push that lost a race
   * for the ref lock stays in the server's object store, on no branch, until gc prunes it.
   */
  public static void assertFsckCleanAllowingDangling(Path repo) {
    assertFsck(repo, "fsck", "--strict", "--no-progress", "--no-dangling");
  }

  private static void assertFsck(Path repo, String... args) {
    Result r = tryRun(repo, args);
    assertEquals(0, r.exit(), () -> "git fsck failed:\n" + r.output());
    String findings = r.output().lines().filter(l -> !l.startsWith("notice:")).reduce("", (a, b) -> a + b + "\n");
    assertEquals("", findings, "git fsck reported:\n" + r.output());
  }

  /** Commit ids on {@code branch}, newest first. */
  public static List<String> log(Path repo, String branch) {
    String out = run(repo, "log", "--format=%H", branch, "--");
    return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
  }

  /** Paths of all files on {@code ref}, sorted. */
  public static List<String> files(Path repo, String ref) {
    String out = run(repo, "ls-tree", "-r", "--name-only", ref);
    return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
  }

  /** Files the commit {@code ref} changed, as "A path", "M path", "D path", sorted. */
  public static List<String> changedBy(Path repo, String ref) {
    String out = run(repo, "show", "--format=", "--name-status", "--no-renames", ref);
    return out.isBlank() ? List.of() : out.strip().lines().map(l -> l.replace('\t', ' ')).sorted().toList();
  }

  /** Text of {@code path} on {@code ref}. */
  public static String show(Path repo, String ref, String path) {
    return run(repo, "show", ref + ":" + path);
  }

  /** The full message of commit {@code ref}. */
  public static String message(Path repo, String ref) {
    return run(repo, "log", "-1", "--format=%B", ref);
  }

  /**
   * Commits {@code text} as {@code path} onto {@code branch} of bare {@code repo} the way a person
   * would (clone, write, commit, push); returns the new commit id.
   */
  public static String commitByHand(Path repo, String branch, String path, String text, Path scratch) {
    Path clone = scratch.resolve("hand-" + System.nanoTime());
    run(scratch, "clone", "-q", repo.toUri().toString(), clone.toString());
    if (tryRun(clone, "rev-parse", "--verify", "-q", "origin/" + branch).exit() == 0) {
      run(clone, "checkout", "-q", "-B", branch, "origin/" + branch);
    } else {
      run(clone, "checkout", "-q", "--orphan", branch);
    }
    try {
      Path file = clone.resolve(path);
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    run(clone, "add", path);
    run(clone, "commit", "-q", "-m", "hand: " + path);
    run(clone, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
    return run(clone, "rev-parse", "HEAD").strip();
  }
}
