package dev.meshgen.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder of one publish's work repository, {@code meshgen-publish-<pid>-<n>} in the system temp
 * folder, holding an owner record (pid and start time) that proves meshgen made it: removed when
 * the publish ends on any path, by a shutdown hook on SIGTERM, and otherwise (kill -9) by the next
 * publish once the owner process is gone (issue 11: 16 killed publishes left 16 folders behind).
 */
final class WorkFolder implements AutoCloseable {
  static final String PREFIX = "meshgen-publish-";
  static final String OWNER = "meshgen-publish.owner";
  static final String REPOSITORY = "repo.git";
  private static final String HEADER = "meshgen publish work repository";
  private static final Pattern RECORD = Pattern.compile(
      Pattern.quote(HEADER) + "\npid (\\d{1,19})\nstarted (\\S+)\n");
  /** Everything meshgen ever puts in the folder; a folder holding anything else is not removed. */
  private static final Set<String> OURS = Set.of(OWNER, REPOSITORY);

  private final Path folder;
  private final Thread onShutdown;

  private WorkFolder(Path folder) {
    this.folder = folder;
    this.onShutdown = new Thread(() -> delete(folder), "meshgen-publish-cleanup");
  }

  /** The temp folder publish works in: {@code java.io.tmpdir}, read on each use so a test may point it elsewhere. */
  static Path tempRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Removes the leftovers under {@code root} whose owner is gone, then makes a new marked folder there. */
  static WorkFolder create(Path root) throws IOException {
    removeLeftovers(root);
    ProcessHandle self = ProcessHandle.current();
    Path folder = Files.createTempDirectory(root, PREFIX + self.pid() + "-");
    WorkFolder work = new WorkFolder(folder);
    Runtime.getRuntime().addShutdownHook(work.onShutdown);
    try {
      // Written aside and moved in: a kill leaves no record or a whole one, never half of one.
      Path aside = folder.resolve(".probe-owner");
      Files.writeString(aside, record(self.pid(), startOf(self)), StandardCharsets.UTF_8);
      Files.move(aside, folder.resolve(OWNER), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      work.close();
      throw e;
    }
    return work;
  }

  Path folder() {
    return folder;
  }

  /** Where the bare work repository goes (not created yet). */
  Path repository() {
    return folder.resolve(REPOSITORY);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onShutdown);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) and deletes the folder itself
    }
    delete(folder);
  }

  /** Removes each folder under {@code root} that is provably a meshgen work folder whose owner process is gone. */
  static List<Path> removeLeftovers(Path root) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path folder : folders) {
        if (isLeftover(folder) && delete(folder)) {
          removed.add(folder);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a folder we cannot list or remove now harms nothing and is tried again next run
    }
    return List.copyOf(removed);
  }

  /**
   * True for a real folder (not a link) named for the pid its owner record holds, holding nothing
   * but what meshgen puts there, whose owner is no longer running.
   */
  static boolean isLeftover(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Optional<Owner> owner = Owner.read(folder.resolve(OWNER));
    boolean empty = true;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        // JGit probes the file system's timestamps with ".probe-<uuid>" files beside the repository;
        // a kill can leave one behind.
        if (!OURS.contains(name) && !name.startsWith(".probe-")) {
          return false;
        }
        empty &= !OURS.contains(name);
      }
    } catch (IOException e) {
      return false;
    }
    if (owner.isEmpty()) {
      // Killed between making the folder and finishing its owner record: nothing of value inside,
      // so it goes once the pid in its name is gone.
      return empty && pidInName(folder).map(pid -> ProcessHandle.of(pid).isEmpty()).orElse(false);
    }
    if (!folder.getFileName().toString().startsWith(PREFIX + owner.get().pid() + "-")) {
      return false;
    }
    return !owner.get().isRunning();
  }

  private static Optional<Long> pidInName(Path folder) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PREFIX) + "([0-9]{1,10})-[0-9]+")
        .matcher(folder.getFileName().toString());
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  static String record(long pid, String started) {
    return HEADER + "\npid " + pid + "\nstarted " + started + "\n";
  }

  private static String startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse("unknown");
  }

  /** Who made a work folder: a process id and, where the system tells, when that process started. */
  record Owner(long pid, Optional<Instant> started) {
    static Optional<Owner> read(Path record) {
      if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(record, LinkOption.NOFOLLOW_LINKS)) {
        Matcher m = RECORD.matcher(new String(in.readNBytes(200), StandardCharsets.UTF_8));
        if (!m.matches()) {
          return Optional.empty();
        }
        Optional<Instant> started = m.group(2).equals("unknown") ? Optional.empty() : Optional.of(Instant.parse(m.group(2)));
        return Optional.of(new Owner(Long.parseLong(m.group(1)), started));
      } catch (IOException | DateTimeParseException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    /**
     * A process with this pid runs and, when both start times are known, started when the owner
     * did; a live process that started at another time reused the pid of an owner that is gone.
     */
    boolean isRunning() {
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (process.isEmpty()) {
        return false;
      }
      Optional<Instant> now = process.get().info().startInstant();
      return started.isEmpty() || now.isEmpty() || now.get().equals(started.get());
    }
  }

  /**
   * Deletes {@code folder} and everything in it without following links; false when something
   * stayed. Tries a few times: JGit may still be creating and removing files in it from another
   * thread (its file-system timestamp probe), which makes a walk fail on a file that just went or a
   * directory that just gained one.
   */
  private static boolean delete(Path folder) {
    for (int attempt = 1; attempt <= 7; attempt++) {
      try {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (NoSuchFileException e) {
        // gone already
      } catch (IOException e) {
        // retried below
      }
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
      try {
        Thread.sleep(10L << attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
