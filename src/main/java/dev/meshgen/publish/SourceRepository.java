package dev.meshgen.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The repository meshgen runs in, whose commit a publish links to and whose history decides which build is newer. */
final class SourceRepository {
  private SourceRepository() {}

  /** HEAD's commit id and the {@code origin} URL (without user info) of the repository holding {@code dir}; empty parts when unknown. */
  record Head(Optional<String> sha, Optional<String> originUrl) {}

  static Head head(Path dir) {
    try (Repository repo = open(dir)) {
      if (repo == null) {
        return new Head(Optional.empty(), Optional.empty());
      }
      ObjectId head = repo.resolve(Constants.HEAD);
      return new Head(Optional.ofNullable(head).map(ObjectId::name),
          // The origin goes into a commit trailer: never with the credentials some CI clones embed in it.
          Optional.ofNullable(repo.getConfig().getString("remote", "origin", "url")).map(RepositoryAddress::withoutUserInfo));
    } catch (IOException | RuntimeException e) {
      return new Head(Optional.empty(), Optional.empty());
    }
  }

  /**
   * True when commit {@code older} is {@code newer} or one of its ancestors in the repository
   * holding {@code dir}; false when it is not, or unknown there (a build that started later has
   * commits an earlier build's clone never saw).
   */
  static boolean isAncestor(Path dir, String older, String newer) throws IOException {
    try (Repository repo = open(dir)) {
      if (repo == null) {
        return false;
      }
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit a = walk.parseCommit(ObjectId.fromString(older));
        RevCommit b = walk.parseCommit(ObjectId.fromString(newer));
        return walk.isMergedInto(a, b);
      } catch (MissingObjectException | IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** Whether {@code sha} names a commit in the repository holding {@code dir}. */
  static boolean hasCommit(Path dir, String sha) throws IOException {
    try (Repository repo = open(dir); RevWalk walk = repo == null ? null : new RevWalk(repo)) {
      if (walk == null) {
        return false;
      }
      walk.parseCommit(ObjectId.fromString(sha));
      return true;
    } catch (MissingObjectException | IllegalArgumentException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return false;
    }
  }

  /**
   * What makes the work tree of the repository holding {@code dir} differ from HEAD: every
   * tracked file changed, added, removed or in conflict, and untracked files under {@code watched}
   * (the source folders); sorted, repository-relative. Empty outside a repository.
   */
  static List<String> dirty(Path dir, List<Path> watched) throws IOException {
    try (Repository repo = open(dir)) {
      if (repo == null || repo.isBare()) {
        return List.of();
      }
      Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      List<String> prefixes = watched.stream().map(p -> p.toAbsolutePath().normalize())
          .filter(p -> p.startsWith(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .map(p -> p.isEmpty() ? "" : p + "/").toList();
      org.eclipse.jgit.api.Status status = org.eclipse.jgit.api.Git.wrap(repo).status().call();
      java.util.TreeSet<String> out = new java.util.TreeSet<>();
      out.addAll(status.getModified());
      out.addAll(status.getChanged());
      out.addAll(status.getAdded());
      out.addAll(status.getRemoved());
      out.addAll(status.getMissing());
      out.addAll(status.getConflicting());
      for (String untracked : status.getUntracked()) {
        if (prefixes.stream().anyMatch(untracked::startsWith)) {
          out.add(untracked);
        }
      }
      return List.copyOf(out);
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Repository open(Path dir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toAbsolutePath().toFile());
    return builder.getGitDir() == null ? null : builder.setMustExist(true).build();
  }
}
