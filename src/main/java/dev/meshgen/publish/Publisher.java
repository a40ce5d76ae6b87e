package dev.meshgen.publish;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.publish.PublishRequest.Provenance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Publishes rendered environments to a branch of a GitOps repository with JGit: fetch the branch,
 * replace exactly the folders meshgen owns for those environments, commit only when something
 * changed, and push without force. When the push is rejected because the branch moved, it
 * fetches again, re-applies the render on the new head and retries, a bounded number of times
 * with backoff.
 *
 * <p>Nothing is left half-made: the commit is built in a temporary repository that is deleted
 * afterwards, and the remote changes only through one push of one ref, which either lands whole
 * or not at all. Credentials never appear in a message.
 */
public final class Publisher {
  /** Called after the commit is made and before it is pushed, with the attempt number (tests race here). */
  interface BeforePush {
    void run(int attempt) throws Exception;
  }

  private static final long BACKOFF_MILLIS = 100;

  private Publisher() {}

  /**
   * Publishes {@code trees} as described by {@code request}.
   *
   * @throws MeshgenException when the render is empty or partial, a folder is not meshgen's, the
   *     remote is unreachable or refuses the credentials, the branch is missing, an older source
   *     would overwrite a newer one ({@code refuseOlder}), or the branch kept moving through every
   *     attempt; in each case the remote is left as it was
   */
  public static Publication publish(PublishRequest request, List<RenderedTree> trees) throws MeshgenException {
    return publish(request, trees, null, Set.of(), attempt -> {});
  }

  /**
   * Fetches {@code request}'s branch before rendering, so that environments whose folders there
   * were made from the same inputs need no render (issue 14); close it when the publish is done.
   * It never fails: a branch it cannot fetch holds nothing, and the publish reports why.
   */
  public static FetchedBranch fetch(PublishRequest request) {
    return FetchedBranch.of(request);
  }

  /** As {@link #publish(PublishRequest, List)}, building the first attempt on {@code fetched} when it is of the same branch. */
  public static Publication publish(PublishRequest request, List<RenderedTree> trees, FetchedBranch fetched)
      throws MeshgenException {
    return publish(request, trees, fetched, Set.of(), attempt -> {});
  }

  /**
   * As {@link #publish(PublishRequest, List, FetchedBranch)}; {@code intact} names environments whose
   * tree was read back from {@code fetched} ({@link FetchedBranch#files}) and found exactly as
   * meshgen wrote it there: on that head their folders keep their entries, nothing is hashed or
   * compared again (issue 14).
   */
  public static Publication publish(PublishRequest request, List<RenderedTree> trees, FetchedBranch fetched,
      Set<String> intact) throws MeshgenException {
    return publish(request, trees, fetched, intact, attempt -> {});
  }

  /**
   * What {@code branch} of {@code repository} holds under {@code prefix} for each of
   * {@code environments}: relative path to text, an empty map for an environment it does not hold
   * (an empty repository holds none).
   *
   * @throws MeshgenException when the repository is unreachable, refuses the credentials, or has
   *     branches but not {@code branch}
   */
  public static Map<String, Map<String, String>> snapshot(String repository, String branch, String prefix,
      Optional<PublishRequest.Credentials> credentials, Collection<String> environments) throws MeshgenException {
    Map<String, String> prefixes = new java.util.LinkedHashMap<>();
    environments.forEach(e -> prefixes.put(e, prefix));
    return GitOpsSnapshot.read(repository, branch, prefixes, credentials, false);
  }

  /**
   * What {@code branch} of {@code repository} holds for each environment of {@code prefixes}
   * under that environment's prefix, as {@link #snapshot(String, String, String, Optional,
   * Collection)}; with {@code missingBranchIsEmpty} a branch the repository lacks holds nothing
   * yet (publish would start it) instead of being refused.
   */
  public static Map<String, Map<String, String>> snapshot(String repository, String branch,
      Map<String, String> prefixes, Optional<PublishRequest.Credentials> credentials, boolean missingBranchIsEmpty)
      throws MeshgenException {
    return GitOpsSnapshot.read(repository, branch, prefixes, credentials, missingBranchIsEmpty);
  }

  static Publication publish(PublishRequest request, List<RenderedTree> trees, BeforePush beforePush)
      throws MeshgenException {
    return publish(request, trees, null, Set.of(), beforePush);
  }

  private static Publication publish(PublishRequest request, List<RenderedTree> trees, FetchedBranch fetched,
      Set<String> intact, BeforePush beforePush) throws MeshgenException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(beforePush, "beforePush");
    checkComplete(trees);
    RepositoryAddress address = address(request.repository());
    boolean absent = request.createIfMissing() && address.isLocal() && !Files.exists(address.localPath());
    boolean created = absent && !request.dryRun() && WorkRepository.createIfMissing(address, request.branch());
    WorkRepository.checkPushable(address, request.branch());
    Remote remote = new Remote(address, request.branch(), request.credentials(), request.createBranch());
    // The branch fetched before the render serves the first attempt; a retry fetches again.
    boolean reuse = fetched != null && fetched.serves(request);
    try (WorkRepository own = reuse ? null : WorkRepository.create(address)) {
      WorkRepository work = reuse ? fetched.work() : own;
      if (absent && request.dryRun()) {
        WorkRepository.Prepared prepared = work.apply(null, request, trees);
        return new Publication(address.shown(), request.branch(), prepared.changes(), Optional.empty(), 1, false);
      }
      String rejection = null;
      for (int attempt = 1; attempt <= request.attempts(); attempt++) {
        if (attempt > 1) {
          sleep(attempt - 1);
        }
        Faults.at("fetch");
        // The intact folders were checked on the fetched head only; a later head is compared in full.
        WorkRepository.Prepared prepared = reuse && attempt == 1
            ? work.apply(fetched.head(), request, trees, intact)
            : work.prepare(remote, request, trees);
        if (!prepared.changed() || request.dryRun()) {
          return new Publication(address.shown(), request.branch(), prepared.changes(), Optional.empty(), attempt,
              created);
        }
        ObjectId commit = work.commit(prepared, request);
        Faults.at("commit");
        try {
          beforePush.run(attempt);
        } catch (Exception e) {
          throw new IllegalStateException("before-push hook failed", e);
        }
        Faults.at("push");
        Remote.PushOutcome outcome = remote.push(work.repository(), commit, prepared.head());
        if (outcome.landed()) {
          Faults.at("pushed");
          return new Publication(address.shown(), request.branch(), prepared.changes(), Optional.of(commit.name()),
              attempt, created);
        }
        rejection = outcome.rejection();
      }
      throw MeshgenException.of(address.shown(), "branch '" + request.branch() + "' kept moving: the push was "
          + "rejected " + request.attempts() + " times (last: " + rejection + "); nothing was pushed. Other "
          + "publishers are busy on this branch: run again in a moment");
    }
  }

  /**
   * Trailers for a publish from the repository holding {@code dir}: {@code sourceSha} or that
   * repository's HEAD, its {@code origin} URL, the build URL and meshgen's version.
   */
  public static Provenance provenance(Path dir, Optional<String> sourceSha, Optional<String> buildUrl,
      String version) {
    SourceRepository.Head head = SourceRepository.head(dir);
    Optional<Path> source = head.sha().isPresent() ? Optional.of(dir.toAbsolutePath()) : Optional.empty();
    return new Provenance(sourceSha.or(head::sha), head.originUrl(), buildUrl, version, source);
  }

  /**
   * The files that make the source tree holding {@code dir} differ from its HEAD commit: tracked
   * changes anywhere, untracked files under {@code sourceFolders}; empty when clean or not in a
   * repository. A publish refuses a dirty tree unless told otherwise (issue 12).
   */
  public static List<String> dirtySource(Path dir, List<Path> sourceFolders) throws MeshgenException {
    try {
      return SourceRepository.dirty(dir, sourceFolders);
    } catch (java.io.IOException e) {
      throw MeshgenException.of(dir.toString(), "cannot read the source repository's status: " + e.getMessage());
    }
  }

  /** 100 ms, 200 ms, 400 ms ... before retry {@code retry}, each between half and one and a half times that. */
  private static long backoffMillis(int retry) {
    long base = BACKOFF_MILLIS << Math.min(retry - 1, 6);
    return base / 2 + ThreadLocalRandom.current().nextLong(base);
  }

  private static void sleep(int retry) throws MeshgenException {
    try {
      Thread.sleep(backoffMillis(retry));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MeshgenException.of("meshgen publish", "interrupted; nothing was pushed");
    }
  }

  static RepositoryAddress address(String repository) throws MeshgenException {
    try {
      return RepositoryAddress.parse(repository);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw MeshgenException.of(RepositoryAddress.redact(repository), "not a repository URL or path");
    }
  }

  /** Refuses an empty or partial render: every tree must hold files and a record listing exactly them. */
  private static void checkComplete(List<RenderedTree> trees) throws MeshgenException {
    if (trees.isEmpty()) {
      throw MeshgenException.of("meshgen publish", "nothing to publish: no environments were rendered");
    }
    List<Diagnostic> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RenderedTree tree : trees) {
      Location where = Location.ofFile(tree.environment());
      if (!seen.add(tree.environment())) {
        problems.add(Diagnostic.error(where, "", "rendered twice; refusing to publish"));
      } else if (tree.paths().size() < 2) {
        problems.add(Diagnostic.error(where, "", "the render is empty; refusing to publish it"));
      } else if (!tree.isComplete()) {
        problems.add(Diagnostic.error(where, "", "the render is partial (its " + RenderedTree.RECORD
            + " record does not list exactly its files); refusing to publish it"));
      } else if (tree.environment().isEmpty() || tree.environment().contains("/")
          || tree.environment().startsWith(".")) {
        problems.add(Diagnostic.error(where, "", "not a plain environment name; refusing to publish it"));
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
  }
}
