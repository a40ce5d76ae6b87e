package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.layout.RenderedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a publish or diff fetches the branch's head commit alone from a server (JGit's servlet,
 * C git's daemon, a file URL), reads a local repository's objects in place, and writes only the
 * objects a change makes, as one pack; a push built on the shallow base lands on C git's server.
 */
class FetchOnlyWhatIsNeededTest {
  private static final String PASSWORD = "s3cret";

  @TempDir Path dir;
  Path remote;
  Inputs inputs;
  String parent;
  String head;

  /** A branch of two commits: the example, then the example with one property changed. */
  @BeforeEach
  void setUp() throws Exception {
    Path served = Files.createDirectory(dir.resolve("srv"));
    remote = GitCli.initBare(served.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config"));
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    Publisher.publish(Requests.to(remote.toString()).build(), inputs.render("example"));
    parent = GitCli.run(remote, "rev-parse", "main~1").strip();
    head = GitCli.run(remote, "rev-parse", "main").strip();
  }

  @Test
  void fetch_headOnlyOverJGitHttp_fetchesTheHeadCommitAlone() throws Exception {
    try (GitServer server = GitServer.start(remote, PASSWORD)) {
      assertFetchedHeadAlone(server.url(), Optional.of(new PublishRequest.Credentials(GitServer.USER, PASSWORD)));
    }
  }

  @Test
  void fetch_headOnlyOverGitDaemon_fetchesTheHeadCommitAlone() throws Exception {
    try (GitDaemon daemon = GitDaemon.serve(remote.getParent())) {
      assertFetchedHeadAlone(daemon.url("gitops.git"), Optional.empty());
    }
  }

  @Test
  void fetch_headOnlyOverFileUrl_fetchesTheHeadCommitAlone() throws Exception {
    assertFetchedHeadAlone(remote.toUri().toString(), Optional.empty());
  }

  @Test
  void fetch_wholeHistoryForRefuseOlder_fetchesTheParentToo() throws Exception {
    try (Repository work = workRepository()) {
      Remote r = new Remote(Publisher.address(remote.toUri().toString()), "main", Optional.empty());

      assertEquals(ObjectId.fromString(head), r.fetch(work, false));

      assertTrue(work.getObjectDatabase().has(ObjectId.fromString(parent)));
      assertEquals(Set.of(), ((FileRepository) work).getObjectDatabase().getShallowCommits());
    }
  }

  @Test
  void publish_afterAShallowFetchToGitDaemon_pushLandsOnTheHead() throws Exception {
    inputs.edit("example", "mode: DISABLE", "mode: SIMPLE");
    try (GitDaemon daemon = GitDaemon.serve(remote.getParent())) {
      Publication p = Publisher.publish(Requests.to(daemon.url("gitops.git")).build(), inputs.render("example"));

      assertEquals(List.of(p.commit().get(), head, parent), GitCli.log(remote, "main"));
    }
    GitCli.assertFsckClean(remote);
  }

  @Test
  void prepare_localRepository_readsItsObjectsInPlaceAndCopiesNone() throws Exception {
    try (WorkRepository work = WorkRepository.create(Publisher.address(remote.toString()))) {
      Path objects = work.repository().getDirectory().toPath().resolve("objects");

      assertEquals(ObjectId.fromString(head), work.fetch(new Remote(Publisher.address(remote.toString()), "main",
          Optional.empty()), true));

      assertEquals(remote.resolve("objects").toAbsolutePath() + "\n",
          Files.readString(objects.resolve("info/alternates")));
      assertTrue(work.repository().getObjectDatabase().has(ObjectId.fromString(parent)));
      assertEquals(List.of(), objectFiles(objects));
    }
  }

  @Test
  void commit_oneChange_writesOnePackOfTheChangedBlobsTheirTreesAndTheCommit() throws Exception {
    inputs.edit("example", "tag: 1.16.0-solo", "tag: 1.16.7-solo");
    List<RenderedTree> trees = inputs.render("example");
    PublishRequest request = Requests.to(remote.toString()).build();
    try (WorkRepository work = WorkRepository.create(Publisher.address(remote.toString()))) {
      Path objects = work.repository().getDirectory().toPath().resolve("objects");
      WorkRepository.Prepared prepared = work.prepare(new Remote(Publisher.address(remote.toString()), "main",
          Optional.empty()), request, trees);
      List<String> changed = prepared.changes().get(0).modified();

      work.commit(prepared, request);

      Set<String> folders = new TreeSet<>(Set.of("", "example"));
      changed.forEach(path -> {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
          folders.add("example/" + path.substring(0, slash));
        }
      });
      assertFalse(changed.isEmpty());
      assertEquals(1, objectFiles(objects).size(), "one pack and no loose objects: " + objectFiles(objects));
      List<String> counted = GitCli.run(work.repository().getDirectory().toPath(), "count-objects", "-v").lines()
          .filter(l -> l.startsWith("count:") || l.startsWith("in-pack:")).toList();
      assertEquals(List.of("count: 0", "in-pack: " + (changed.size() + folders.size() + 1)), counted,
          changed + " in " + folders);
    }
  }

  private void assertFetchedHeadAlone(String url, Optional<PublishRequest.Credentials> credentials) throws Exception {
    try (Repository work = workRepository()) {
      Remote r = new Remote(Publisher.address(url), "main", credentials);

      assertEquals(ObjectId.fromString(head), r.fetch(work, true));

      assertEquals(Set.of(ObjectId.fromString(head)), ((FileRepository) work).getObjectDatabase().getShallowCommits());
      assertFalse(work.getObjectDatabase().has(ObjectId.fromString(parent)));
      assertTrue(work.getObjectDatabase().has(work.parseCommit(ObjectId.fromString(head)).getTree()));
    }
  }

  private Repository workRepository() throws Exception {
    Repository work = new FileRepositoryBuilder().setGitDir(dir.resolve("work.git").toFile()).setBare().build();
    work.create(true);
    return work;
  }

  /** Everything under {@code objects} but {@code info/}: pack files and loose object folders. */
  private static List<String> objectFiles(Path objects) throws Exception {
    try (var files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile).map(f -> objects.relativize(f).toString())
          .filter(f -> !f.startsWith("info/") && !f.endsWith(".idx")).sorted().toList();
    }
  }
}
