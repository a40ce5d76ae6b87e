package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing over HTTP to JGit's GitServlet in Jetty, behind basic authentication. */
class PublishHttpTest {
  private static final String PASSWORD = "s3cr3t-Pa55-9d1e";
  private static final String WRONG = "wr0ng-Pa55-77c2";

  @TempDir Path dir;
  Path remote;
  Inputs inputs;
  GitServer server;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config"));
    server = GitServer.start(remote, PASSWORD);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    GitCli.assertFsckClean(remote);
  }

  @Test
  void publish_rightCredentials_publishesAndRepublishIsANoOp() throws Exception {
    Requests request = Requests.to(server.url()).credentials(GitServer.USER, PASSWORD);

    Publication first = Publisher.publish(request.build(), inputs.render("example"));
    Publication again = Publisher.publish(request.build(), inputs.render("example"));

    assertTrue(first.commit().isPresent());
    assertFalse(again.changed());
    assertEquals(List.of(first.commit().get()), GitCli.log(remote, "main"));
    assertEquals(server.url(), first.repository());
  }

  @Test
  void publish_wrongPassword_cleanErrorWithoutTheSecret() throws Exception {
    MeshgenException e = assertThrows(MeshgenException.class, () -> Publisher.publish(
        Requests.to(server.url()).credentials(GitServer.USER, WRONG).build(), inputs.render("example")));

    assertEquals(server.url() + ": error: authentication refused: check GIT_USERNAME and GIT_PASSWORD (or "
        + "--username and the variable named by --password-env) and that the account may push to this repository",
        e.diagnostics().get(0).toString());
    assertNoSecret(e, WRONG);
    assertTrue(server.refusedLogins() > 0);
    assertEquals(List.of(), GitCli.log(remote, "--all"));
  }

  @Test
  void publish_credentialsInTheUrl_usedAndShownRedacted() throws Exception {
    String url = server.url().replace("http://", "http://" + GitServer.USER + ":" + PASSWORD + "@");

    Publication p = Publisher.publish(Requests.to(url).build(), inputs.render("example"));

    assertEquals(server.url().replace("http://", "http://alice:***@"), p.repository());
    assertEquals(1, GitCli.log(remote, "main").size());
    assertFalse(p.toString().contains(PASSWORD));
  }

  @Test
  void publish_wrongPasswordInTheUrl_errorShowsItRedacted() throws Exception {
    String url = server.url().replace("http://", "http://" + GitServer.USER + ":" + WRONG + "@");

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(url).build(), inputs.render("example")));

    assertTrue(e.getMessage().startsWith(server.url().replace("http://", "http://alice:***@")
        + ": error: authentication refused"), e.getMessage());
    assertNoSecret(e, WRONG);
  }

  @Test
  void publish_noCredentials_saysWhichToSet() throws Exception {
    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(server.url()).build(), inputs.render("example")));

    assertTrue(e.getMessage().contains("authentication refused: check GIT_USERNAME and GIT_PASSWORD"), e.getMessage());
  }

  @Test
  void publish_unknownRepositoryOnServer_saysCheckRepo() throws Exception {
    String url = server.url().replace("gitops.git", "other.git");

    MeshgenException e = assertThrows(MeshgenException.class, () -> Publisher.publish(
        Requests.to(url).credentials(GitServer.USER, PASSWORD).build(), inputs.render("example")));

    assertTrue(e.getMessage().startsWith(url + ": error: no git repository at this address: check --repo"),
        e.getMessage());
    assertNoSecret(e, PASSWORD);
  }

  @Test
  void publish_unreachableRemote_saysCannotReach() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://alice:" + PASSWORD + "@127.0.0.1:" + port + "/git/gitops.git";

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(Requests.to(url).build(), inputs.render("example")));

    assertTrue(e.getMessage().startsWith("http://alice:***@127.0.0.1:" + port + "/git/gitops.git: error: cannot "
        + "reach the repository ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("check the URL and the network, then run again"), e.getMessage());
    assertNoSecret(e, PASSWORD);
  }

  /** The secret is nowhere: not in the diagnostics, the message, or a printed stack trace. */
  private static void assertNoSecret(MeshgenException e, String secret) {
    ByteArrayOutputStream trace = new ByteArrayOutputStream();
    e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
    String all = e.getMessage() + e.diagnostics() + trace.toString(StandardCharsets.UTF_8);
    assertFalse(all.contains(secret), all);
    assertFalse(all.contains(secret.substring(0, 8)), all);
  }
}
