package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A publish's branch, fetched once before anything is rendered (issue 14): what each
 * environment's folder holds there decides whether the environment needs rendering at all, and
 * the first publish attempt builds its commit on this fetch instead of fetching again. A branch
 * that cannot be fetched now (absent repository, network, credentials) holds nothing here; the
 * publish itself then fetches and reports what is wrong, after the render, as it always has.
 */
public final class FetchedBranch implements AutoCloseable {
  private final PublishRequest request;
  private final WorkRepository work;
  private final ObjectId head;
  private final ObjectId tree;

  private FetchedBranch(PublishRequest request, WorkRepository work, ObjectId head, ObjectId tree) {
    this.request = request;
    this.work = work;
    this.head = head;
    this.tree = tree;
  }

  /** Fetches {@code request}'s branch; never fails: a branch it cannot fetch holds nothing. */
  static FetchedBranch of(PublishRequest request) {
    Objects.requireNonNull(request, "request");
    WorkRepository work = null;
    try {
      RepositoryAddress address = Publisher.address(request.repository());
      if (address.isLocal() && !Files.exists(address.localPath())) {
        return new FetchedBranch(request, null, null, null);
      }
      work = WorkRepository.create(address);
      // The head alone (or a local repository read in place), as the publish itself fetches it.
      ObjectId head = work.fetch(new Remote(address, request.branch(), request.credentials(), request.createBranch()),
          !request.refuseOlder());
      ObjectId tree = null;
      if (head != null) {
        try (RevWalk walk = new RevWalk(work.repository())) {
          tree = walk.parseCommit(head).getTree().getId();
        }
      }
      return new FetchedBranch(request, work, head, tree);
    } catch (MeshgenException | IOException | RuntimeException e) {
      if (work != null) {
        work.close();
      }
      return new FetchedBranch(request, null, null, null);
    }
  }

  /** True when this fetch is of the repository and branch {@code other} publishes to. */
  public boolean serves(PublishRequest other) {
    return work != null && request.repository().equals(other.repository()) && request.branch().equals(other.branch());
  }

  WorkRepository work() {
    return work;
  }

  /** The fetched head, null when the repository or branch is empty. */
  ObjectId head() {
    return head;
  }

  /**
   * {@code environment}'s folder on the branch when its record names {@code inputHash}: each
   * file's blob id as the branch's tree names it, and its text read from the branch on demand
   * (issue 14: a folder kept as it is needs only its record read); empty otherwise, or when the
   * folder holds anything but regular files. Safe to call from several threads.
   */
  public Optional<RenderedTree.Folder> folder(String environment, String inputHash) {
    if (tree == null) {
      return Optional.empty();
    }
    String prefix = request.prefixOf(environment);
    String folder = prefix.isEmpty() ? environment : prefix + "/" + environment;
    try (ObjectReader reader = work.repository().newObjectReader()) {
      String recordText;
      try (TreeWalk record = TreeWalk.forPath(reader, folder + "/" + RenderedTree.RECORD, tree)) {
        if (record == null || record.getFileMode(0) != FileMode.REGULAR_FILE) {
          return Optional.empty();
        }
        recordText = new String(reader.open(record.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        if (!RenderedTree.recordedInputs(recordText).equals(Optional.of(inputHash))) {
          return Optional.empty();
        }
      }
      Map<String, String> ids = new TreeMap<>();
      try (TreeWalk walk = new TreeWalk(reader)) {
        walk.addTree(tree);
        walk.setRecursive(true);
        walk.setFilter(PathFilter.create(folder));
        while (walk.next()) {
          if (walk.getFileMode(0) != FileMode.REGULAR_FILE) {
            return Optional.empty();
          }
          ids.put(walk.getPathString().substring(folder.length() + 1), walk.getObjectId(0).name());
        }
      }
      return Optional.of(new RenderedTree.Folder() {
        @Override
        public Map<String, String> blobIds() {
          return ids;
        }

        @Override
        public String text(String path) {
          if (path.equals(RenderedTree.RECORD)) {
            return recordText; // read above, from the blob the walk names
          }
          try (ObjectReader blobs = work.repository().newObjectReader()) {
            return new String(blobs.open(ObjectId.fromString(ids.get(path))).getBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // rendered instead
    }
  }

  @Override
  public void close() {
    if (work != null) {
      work.close();
    }
  }
}
