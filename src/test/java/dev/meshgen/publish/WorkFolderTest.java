package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: a publish's work folder goes when it ends, and a later run removes only folders provably meshgen's whose owner is gone. */
class WorkFolderTest {
  @TempDir Path root;

  /** The pid of a process that has ended (a pid is reused only after the system wraps around). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private Path leftover(long pid, String started) throws Exception {
    Path folder = Files.createDirectory(root.resolve(WorkFolder.PREFIX + pid + "-123"));
    Files.writeString(folder.resolve(WorkFolder.OWNER), WorkFolder.record(pid, started));
    Files.createDirectories(folder.resolve(WorkFolder.REPOSITORY).resolve("objects/pack"));
    Files.writeString(folder.resolve(WorkFolder.REPOSITORY).resolve("HEAD"), "ref: refs/heads/master\n");
    return folder;
  }

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String selfStart() {
    return ProcessHandle.current().info().startInstant().orElseThrow().toString();
  }

  @Test
  void create_thenClose_leavesNothing() throws Exception {
    Path folder;
    try (WorkFolder work = WorkFolder.create(root)) {
      folder = work.folder();
      Files.createDirectories(work.repository().resolve("objects"));
      assertTrue(folder.getFileName().toString().startsWith("meshgen-publish-" + ProcessHandle.current().pid() + "-"));
      assertEquals(WorkFolder.record(ProcessHandle.current().pid(), selfStart()),
          Files.readString(folder.resolve("meshgen-publish.owner")));
    }
    assertEquals(List.of(), names());
  }

  @Test
  void create_leftoverOfAProcessThatIsGone_isRemoved() throws Exception {
    leftover(deadPid(), "2026-01-01T00:00:00Z");
    leftover(deadPid(), "unknown");

    try (WorkFolder work = WorkFolder.create(root)) {
      assertEquals(List.of(work.folder().getFileName().toString()), names());
    }
  }

  @Test
  void create_folderOfARunningPublish_isKept() throws Exception {
    Path running = leftover(ProcessHandle.current().pid(), selfStart());

    try (WorkFolder work = WorkFolder.create(root)) {
      assertTrue(Files.isDirectory(running.resolve("repo.git/objects/pack")));
    }
    assertEquals(List.of(running.getFileName().toString()), names());
  }

  @Test
  void create_leftoverWhosePidWasReusedByAnotherProcess_isRemoved() throws Exception {
    // our pid, but a start time that is not ours: the owner with that pid is gone
    Path reused = leftover(ProcessHandle.current().pid(), Instant.parse(selfStart()).minusSeconds(3600).toString());

    WorkFolder.create(root).close();

    assertFalse(Files.exists(reused));
  }

  @Test
  void create_foldersNotProvablyMeshgens_areNeverTouched() throws Exception {
    long dead = deadPid();
    Path noRecord = Files.createDirectories(root.resolve("meshgen-publish-" + dead + "-1/repo.git"));
    Path foreignRecord = Files.createDirectory(root.resolve("meshgen-publish-" + dead + "-2"));
    Files.writeString(foreignRecord.resolve(WorkFolder.OWNER), "pid " + dead + "\n");
    Path userFile = leftover(dead, "unknown");
    Files.writeString(userFile.resolve("notes.txt"), "mine\n");
    Path otherPid = Files.createDirectory(root.resolve("meshgen-publish-" + (dead + 1) + "-3"));
    Files.writeString(otherPid.resolve(WorkFolder.OWNER), WorkFolder.record(dead, "unknown"));
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve(WorkFolder.OWNER), WorkFolder.record(dead, "unknown"));
    Path link = Files.createSymbolicLink(root.resolve("meshgen-publish-" + dead + "-4"), outside);
    Path oldStyle = Files.createDirectories(root.resolve("meshgen-publish-8812734/objects"));
    List<String> before = names();

    WorkFolder.create(root).close();

    assertEquals(before, names());
    assertTrue(Files.isDirectory(noRecord));
    assertTrue(Files.isRegularFile(userFile.resolve("notes.txt")));
    assertTrue(Files.isRegularFile(outside.resolve(WorkFolder.OWNER)));
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.isDirectory(oldStyle));
  }

  // A kill between making the folder and moving its record in, or while JGit probed the file
  // system beside the repository, leaves a folder with nothing of value: it goes once its pid is gone.
  @Test
  void create_folderKilledBeforeItsRecord_isRemovedOnceItsPidIsGone() throws Exception {
    long dead = deadPid();
    Path bare = Files.createDirectory(root.resolve("meshgen-publish-" + dead + "-7"));
    Path probed = Files.createDirectory(root.resolve("meshgen-publish-" + dead + "-8"));
    Files.writeString(probed.resolve(".probe-0b8e3c"), "");
    Path running = Files.createDirectory(root.resolve("meshgen-publish-" + ProcessHandle.current().pid() + "-9"));

    WorkFolder.create(root).close();

    assertTrue(Files.notExists(bare));
    assertTrue(Files.notExists(probed));
    assertTrue(Files.isDirectory(running), "its owner still runs");
  }

  @Test
  void removeLeftovers_rootMissing_removesNothingAndDoesNotFail() {
    assertEquals(List.of(), WorkFolder.removeLeftovers(root.resolve("missing")));
  }
}
