package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a repository that refuses or cannot store a push gives one clean error naming it and
 * saying what to do, nothing on stderr besides, and no work repository left in the temp folder.
 */
class PublishFaultsTest {
  @TempDir Path dir;
  Path temp;
  String tempBefore;
  List<RenderedTree> trees;

  @BeforeEach
  void setUp() throws Exception {
    temp = Files.createDirectory(dir.resolve("tmp"));
    Files.createDirectory(dir.resolve("srv"));
    tempBefore = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", temp.toString());
    trees = Inputs.copyInto(dir.resolve("config")).render("example");
  }

  @AfterEach
  void noWorkRepositoryLeft() throws Exception {
    System.setProperty("java.io.tmpdir", tempBefore);
    try (Stream<Path> s = Files.walk(temp)) {
      assertEquals(List.of(temp), s.toList());
    }
  }

  /** A bare repository that cannot store a pack: its pack folder is a file (chmod does not stop root). */
  private static Path cannotStorePacks(Path repo) throws Exception {
    GitCli.initBare(repo);
    GitCli.run(repo, "config", "receive.unpackLimit", "1");
    Files.delete(repo.resolve("objects/pack"));
    Files.writeString(repo.resolve("objects/pack"), "");
    return repo;
  }

  private static void hook(Path repo, String name, String script) throws Exception {
    Path hook = repo.resolve("hooks").resolve(name);
    Files.writeString(hook, "#!/bin/sh\n" + script);
    assertTrue(hook.toFile().setExecutable(true));
  }

  /** The message of the one error publishing {@code trees} to {@code url} fails with, and what reached stderr meanwhile. */
  private String[] failure(String url) throws Exception {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      MeshgenException e = assertThrows(MeshgenException.class,
          () -> Publisher.publish(Requests.to(url).build(), trees));
      assertEquals(1, e.diagnostics().size(), e::toString);
      return new String[] {e.diagnostics().get(0).toString(), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(before);
    }
  }

  @Test
  void publish_localRepositoryThatCannotStoreThePack_oneCleanErrorAndNoStackTrace() throws Exception {
    Path repo = cannotStorePacks(dir.resolve("full.git"));

    String[] failure = failure(repo.toString());

    assertEquals(repo + ": error: the repository could not store the push (" + repo + ": error occurred during "
        + "unpacking on the remote end: error Creating directories for " + repo + "/objects/pack failed); nothing "
        + "changed on the remote. It may be read-only or its disk full: fix that where it is kept (or ask its owner), "
        + "then run again", failure[0]);
    assertEquals("", failure[1]);
    assertEquals(List.of(), GitCli.log(repo, "--all"));
  }

  @Test
  void publish_preReceiveHookRefusesOverGitDaemon_quotesTheServerOnOneLine() throws Exception {
    Path repo = GitCli.initBare(dir.resolve("srv/gitops.git"));
    hook(repo, "pre-receive", "echo 'repository is read-only for maintenance'\necho '  ask #gitops  '\nexit 1\n");
    try (GitDaemon daemon = GitDaemon.serve(dir.resolve("srv"))) {
      String url = daemon.url("gitops.git");

      String[] failure = failure(url);

      assertEquals(url + ": error: the push to branch 'main' was refused (pre-receive hook declined; the server said: "
          + "\"repository is read-only for maintenance; ask #gitops\"); nothing changed on the remote. Its hooks "
          + "refuse this push: see what they say, ask the repository's owner, then run again", failure[0]);
      assertEquals("", failure[1]);
    }
    assertEquals(List.of(), GitCli.log(repo, "--all"));
  }

  @Test
  void publish_updateHookRefusesOverGitDaemon_namesTheHook() throws Exception {
    Path repo = GitCli.initBare(dir.resolve("srv/gitops.git"));
    hook(repo, "update", "echo \"$1 is frozen\"\nexit 1\n");
    try (GitDaemon daemon = GitDaemon.serve(dir.resolve("srv"))) {
      String url = daemon.url("gitops.git");

      String[] failure = failure(url);

      assertEquals(url + ": error: the push to branch 'main' was refused (hook declined; the server said: "
          + "\"refs/heads/main is frozen; error: hook declined to update refs/heads/main\"); nothing changed on the remote. Its hooks refuse this push: see what they "
          + "say, ask the repository's owner, then run again", failure[0]);
    }
    assertEquals(List.of(), GitCli.log(repo, "--all"));
  }

  @Test
  void publish_gitDaemonThatCannotStoreThePack_saysItMayBeReadOnlyOrFull() throws Exception {
    Path repo = cannotStorePacks(dir.resolve("srv/gitops.git"));
    try (GitDaemon daemon = GitDaemon.serve(dir.resolve("srv"))) {
      String url = daemon.url("gitops.git");

      String[] failure = failure(url);

      assertTrue(failure[0].startsWith(url + ": error: the push to branch 'main' was refused ("), failure[0]);
      assertTrue(failure[0].endsWith("); nothing changed on the remote. It may be read-only or its disk full: fix "
          + "that where it is kept (or ask its owner), then run again"), failure[0]);
      assertEquals(1, failure[0].lines().count(), failure[0]);
    }
    assertEquals(List.of(), GitCli.log(repo, "--all"));
  }

  @Test
  void publish_overGitDaemon_landsAndRepublishingChangesNothing() throws Exception {
    Path repo = GitCli.initBare(dir.resolve("srv/gitops.git"));
    try (GitDaemon daemon = GitDaemon.serve(dir.resolve("srv"))) {
      Publication first = Publisher.publish(Requests.to(daemon.url("gitops.git")).build(), trees);
      Publication second = Publisher.publish(Requests.to(daemon.url("gitops.git")).build(), trees);

      assertEquals(List.of(first.commit().orElseThrow()), GitCli.log(repo, "main"));
      assertTrue(second.commit().isEmpty());
    }
    GitCli.assertFsckClean(repo);
  }
}
