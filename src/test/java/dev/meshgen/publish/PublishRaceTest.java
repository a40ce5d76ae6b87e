package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishers meeting a branch that moves between their fetch and their push: retried, never a lost update. */
class PublishRaceTest {
  private static final String PASSWORD = "race-password-7f3a";

  @TempDir Path dir;
  Path remote;
  Inputs inputs;

  @BeforeEach
  void setUp() {
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config")).withCopyOfExample("staging");
  }

  /** Set by the tests where two pushes meet at the server: the loser's objects may stay behind, on no branch. */
  boolean realRace;

  @AfterEach
  void fsck() {
    if (realRace) {
      GitCli.assertFsckCleanAllowingDangling(remote);
    } else {
      GitCli.assertFsckClean(remote);
    }
  }

  @Test
  void publish_branchMovedBeforePush_refetchesReappliesAndLands() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    String[] hand = new String[1];

    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"), attempt -> {
      if (attempt == 1) {
        hand[0] = GitCli.commitByHand(remote, "main", "README.md", "kept by hand\n", dir);
      }
    });

    assertEquals(2, p.attempts());
    List<String> log = GitCli.log(remote, "main");
    assertEquals(3, log.size());
    assertEquals(p.commit().get(), log.get(0));
    assertEquals(hand[0], GitCli.run(remote, "rev-parse", "main^").strip());
    assertEquals("kept by hand\n", GitCli.show(remote, "main", "README.md"));
  }

  @Test
  void publish_branchMovesWhileTheServerReceives_serverRejectsAndThePublishIsRetried() throws Exception {
    realRace = true;
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    try (GitServer server = GitServer.start(remote, PASSWORD)) {
      server.duringNextReceive(() -> GitCli.commitByHand(remote, "main", "README.md", "kept by hand\n", dir));

      Publication p = Publisher.publish(Requests.to(server.url()).credentials(GitServer.USER, PASSWORD).build(),
          inputs.render("example"));

      assertEquals(2, p.attempts());
    }
    assertEquals(3, GitCli.log(remote, "main").size());
    assertEquals("kept by hand\n", GitCli.show(remote, "main", "README.md"));
    assertTrue(GitCli.show(remote, "main", "example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml")
        .contains("DISABLE"));
  }

  @Test
  void publish_someoneElsePublishedTheSameRender_skipsAsUnchanged() throws Exception {
    List<RenderedTree> trees = inputs.render("example");

    Publication p = Publisher.publish(Requests.to(remote.toString()).build(), trees, attempt -> {
      if (attempt == 1) {
        Publisher.publish(Requests.to(remote.toString())
            .from(Requests.provenance("89abcdef0123456789abcdef0123456789abcdef")).build(), trees);
      }
    });

    assertEquals(2, p.attempts());
    assertFalse(p.changed());
    assertTrue(p.commit().isEmpty());
    assertEquals(1, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_branchKeepsMoving_givesUpWithClearErrorAndNoCommit() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    AtomicInteger hands = new AtomicInteger();

    MeshgenException e = assertThrows(MeshgenException.class, () -> Publisher.publish(
        Requests.to(remote.toString()).attempts(3).build(), inputs.render("example"),
        attempt -> GitCli.commitByHand(remote, "main", "hand-" + hands.incrementAndGet() + ".txt", "x\n", dir)));

    assertEquals(remote + ": error: branch 'main' kept moving: the push was rejected 3 times (last: the branch "
        + "moved since it was fetched); nothing was pushed. Other publishers are busy on this branch: run again "
        + "in a moment", e.diagnostics().get(0).toString());
    assertEquals(4, GitCli.log(remote, "main").size());
    assertTrue(GitCli.run(remote, "log", "--format=%s", "main").lines().noneMatch(s -> s.contains("DISABLE")));
    assertEquals("hand: hand-3.txt", GitCli.run(remote, "log", "-1", "--format=%s", "main").strip());
  }

  @Test
  void publish_twoPublishersRaceOnABareRepository_bothLand() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    race(remote.toString(), Requests.to(remote.toString()));
    assertBothLanded(remote);
  }

  @Test
  void publish_twoPublishersRaceOverHttp_bothLand() throws Exception {
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    try (GitServer server = GitServer.start(remote, PASSWORD)) {
      race(server.url(), Requests.to(server.url()).credentials(GitServer.USER, PASSWORD));
    }
    assertBothLanded(remote);
  }

  /**
   * Two threads publish different environments; both make their commit on the same head and
   * meet at a barrier before pushing, so exactly one push is rejected and must be retried.
   */
  private void race(String url, Requests request) throws Exception {
    realRace = true;
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    List<RenderedTree> example = inputs.render("example");
    List<RenderedTree> staging = inputs.render("staging");
    CyclicBarrier bothCommitted = new CyclicBarrier(2);
    Publisher.BeforePush meet = attempt -> {
      if (attempt == 1) {
        bothCommitted.await(30, TimeUnit.SECONDS);
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Publication> a = pool.submit(() -> Publisher.publish(request.build(), example, meet));
      Future<Publication> b = pool.submit(() -> Publisher.publish(request.build(), staging, meet));
      Publication pa = a.get(60, TimeUnit.SECONDS);
      Publication pb = b.get(60, TimeUnit.SECONDS);
      assertTrue(pa.commit().isPresent() && pb.commit().isPresent());
      assertEquals(List.of(1, 2), List.of(pa.attempts(), pb.attempts()).stream().sorted().toList(),
          "exactly one publisher should have been rejected once and retried");
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertBothLanded(Path repo) throws Exception {
    assertEquals(3, GitCli.log(repo, "main").size());
    List<String> files = GitCli.files(repo, "main");
    assertTrue(files.contains("staging/.meshgen"), files::toString);
    String example = inputs.render("example").get(0).files()
        .get("overlays/local/destinationrule_istio-egress_httpbin.org.yaml");
    assertEquals(example, GitCli.show(repo, "main", "example/overlays/local/destinationrule_istio-egress_httpbin.org.yaml"));
    assertEquals(2, GitCli.run(repo, "log", "--format=%s", "main~2..main").lines().count());
  }
}
