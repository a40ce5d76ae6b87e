package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.publish.Publication.EnvironmentChange;
import dev.meshgen.publish.PublishRequest.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A temporary bare repository where one publish fetches the branch and builds its commit, in a
 * {@link WorkFolder} deleted when the publish ends: a failed run leaves no commit anywhere, and
 * concurrent runs share nothing they write. No files are checked out; the new tree is built from
 * the fetched one in memory.
 *
 * <p>Issue 14: for a repository on a local path, it reads the objects in place (a git alternate)
 * instead of fetching them, and reads the branch's head from there; for any other, it fetches the
 * head commit alone (depth 1) unless the whole history is needed. New objects go into one pack.
 */
final class WorkRepository implements AutoCloseable {
  private final WorkFolder folder;
  private final Repository repository;
  private final String shown;
  /** The local repository whose objects this one reads in place, or null when it fetches. */
  private final Path borrowed;

  /** The branch's head as fetched (null: the repository is empty) and the render applied to it. */
  record Prepared(ObjectId head, TreeUpdate update) {
    boolean changed() {
      return update.changed();
    }

    List<EnvironmentChange> changes() {
      return update.changes();
    }
  }

  private WorkRepository(WorkFolder folder, Repository repository, String shown, Path borrowed) {
    this.folder = folder;
    this.repository = repository;
    this.shown = shown;
    this.borrowed = borrowed;
  }

  /** A new work repository in the system temp folder, after removing the leftovers of runs that were killed. */
  static WorkRepository create(RepositoryAddress address) throws MeshgenException {
    Path root = WorkFolder.tempRoot();
    WorkFolder folder = null;
    try {
      folder = WorkFolder.create(root);
      Path local = Remote.localGitDir(address);
      Repository repo = new FileRepositoryBuilder().setGitDir(folder.repository().toFile()).setBare().build();
      repo.create(true);
      if (local != null) {
        // Opened again after the alternate is written, so its object database sees it from the start.
        repo.close();
        Path info = Files.createDirectories(folder.repository().resolve("objects/info"));
        Files.writeString(info.resolve("alternates"), local.resolve("objects").toAbsolutePath() + "\n");
        repo = new FileRepositoryBuilder().setGitDir(folder.repository().toFile()).setBare().setMustExist(true).build();
      }
      return new WorkRepository(folder, repo, address.shown(), local);
    } catch (IOException | RuntimeException e) {
      if (folder != null) {
        folder.close();
      }
      String why = e instanceof java.nio.file.NoSuchFileException ? "no such folder" : e.getMessage();
      throw MeshgenException.of(root.toString(), "cannot create a temporary work repository here (" + why + "): free some space or point java.io.tmpdir at a writable folder, then run again");
    }
  }

  /** Creates an empty bare repository with {@code branch} as its initial branch at a local path that does not exist yet. */
  static boolean createIfMissing(RepositoryAddress address, String branch) throws MeshgenException {
    if (!address.isLocal() || Files.exists(address.localPath())) {
      return false;
    }
    try {
      Git.init().setBare(true).setInitialBranch(branch).setDirectory(address.localPath().toFile()).call().close();
      return true;
    } catch (GitAPIException | RuntimeException e) {
      throw MeshgenException.of(address.shown(), "cannot create a repository here: " + e.getMessage());
    }
  }

  /** Refuses a local non-bare repository whose checked-out branch is the one to publish: its files would go stale. */
  static void checkPushable(RepositoryAddress address, String branch) throws MeshgenException {
    if (!address.isLocal() || !Files.isDirectory(address.localPath().resolve(".git"))) {
      return;
    }
    try (Repository repo = new FileRepositoryBuilder().setWorkTree(address.localPath().toFile()).build()) {
      if (("refs/heads/" + branch).equals(repo.getFullBranch())) {
        throw MeshgenException.of(address.shown(), "is a working copy with branch '" + branch + "' checked out; "
            + "publish to a bare repository (git clone --bare) or another branch");
      }
    } catch (IOException e) {
      throw MeshgenException.of(address.shown(), "cannot read the repository: " + e.getMessage());
    }
  }

  Repository repository() {
    return repository;
  }

  /** Fetches the branch and applies {@code trees} to its head. */
  Prepared prepare(Remote remote, PublishRequest request, List<RenderedTree> trees) throws MeshgenException {
    // --refuse-older walks the branch's history for the last commit touching each folder.
    return apply(fetch(remote, !request.refuseOlder()), request, trees);
  }

  /**
   * The branch's head (null as {@link Remote#fetch}), its objects readable here: read in place
   * from a local repository, otherwise fetched, with only the head commit when {@code headOnly}.
   */
  ObjectId fetch(Remote remote, boolean headOnly) throws MeshgenException {
    return borrowed != null ? remote.headIn(borrowed) : remote.fetch(repository, headOnly);
  }

  /** Applies {@code trees} to the branch's fetched {@code head}, or to nothing when head is null. */
  Prepared apply(ObjectId head, PublishRequest request, List<RenderedTree> trees) throws MeshgenException {
    return apply(head, request, trees, java.util.Set.of());
  }

  /**
   * Applies {@code trees} to the branch's fetched {@code head}, or to nothing when head is null;
   * the folders of {@code intact} environments were read from this head and hold their trees.
   */
  Prepared apply(ObjectId head, PublishRequest request, List<RenderedTree> trees, java.util.Set<String> intact)
      throws MeshgenException {
    try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit base = head == null ? null : walk.parseCommit(head);
      TreeUpdate update = TreeUpdate.compute(reader, base == null ? null : base.getTree(), request::prefixOf, trees,
          shown + " (" + request.branch() + ")", intact);
      if (!update.problems().isEmpty()) {
        throw new MeshgenException(update.problems());
      }
      if (request.refuseOlder() && update.changed()) {
        SourceOrder.check(repository, base, update.changes(), request.provenance(), shown);
      }
      return new Prepared(head, update);
    } catch (IOException e) {
      throw MeshgenException.of(shown, "cannot read branch '" + request.branch() + "': " + e.getMessage());
    }
  }

  /** Writes the new tree and a commit on the fetched head, as one pack; returns the commit's id. */
  ObjectId commit(Prepared prepared, PublishRequest request) throws MeshgenException {
    try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = packInserter(reader)) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(prepared.update().write(inserter));
      if (prepared.head() != null) {
        commit.setParentId(prepared.head());
      }
      PersonIdent author = person(request.author());
      commit.setAuthor(author);
      commit.setCommitter(request.committer().map(WorkRepository::person).orElse(author));
      commit.setMessage(CommitMessage.of(prepared.changes(), request.provenance()));
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw MeshgenException.of(shown, "cannot build the commit: " + e.getMessage());
    }
  }

  /**
   * An inserter writing one pack file instead of a loose file per object (issue 14: at 1000
   * environments the loose files took most of a first publish), skipping trees the repository
   * already holds, fetched or borrowed, as most folders are unchanged; blobs are skipped by
   * {@link TreeUpdate#write} before they get here.
   */
  private ObjectInserter packInserter(ObjectReader reader) {
    PackInserter pack = ((FileRepository) repository).getObjectDatabase().newPackInserter();
    pack.checkExisting(false);
    return new ObjectInserter.Filter() {
      @Override
      protected ObjectInserter delegate() {
        return pack;
      }

      @Override
      public ObjectId insert(int type, byte[] data) throws IOException {
        return insert(type, data, 0, data.length);
      }

      @Override
      public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
        if (type == Constants.OBJ_TREE) {
          ObjectId id = idFor(type, data, off, len);
          if (reader.has(id)) {
            return id;
          }
        }
        return pack.insert(type, data, off, len);
      }
    };
  }

  private static PersonIdent person(Identity who) {
    return new PersonIdent(who.name(), who.email());
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      folder.close();
    }
  }
}
