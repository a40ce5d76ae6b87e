package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Reads what a branch of the GitOps repository holds for some environments, without a checkout. */
final class GitOpsSnapshot {
  private GitOpsSnapshot() {}

  /** {@code prefixes}: environment to the folder holding its folder. */
  static Map<String, Map<String, String>> read(String repository, String branch, Map<String, String> prefixes,
      Optional<PublishRequest.Credentials> credentials, boolean missingBranchIsEmpty) throws MeshgenException {
    RepositoryAddress address = Publisher.address(repository);
    Map<String, Map<String, String>> out = new TreeMap<>();
    prefixes.keySet().forEach(e -> out.put(e, new TreeMap<>()));
    try (WorkRepository work = WorkRepository.create(address)) {
      ObjectId head = work.fetch(new Remote(address, branch, credentials, missingBranchIsEmpty), true);
      if (head == null) {
        return out; // an empty repository: every environment is new
      }
      try (ObjectReader reader = work.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        RevCommit commit = walk.parseCommit(head);
        for (String env : prefixes.keySet()) {
          String root = PublishRequest.normalizePrefix(prefixes.get(env));
          String folder = root.isEmpty() ? env : root + "/" + env;
          try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(folder));
            while (tree.next()) {
              String path = tree.getPathString().substring(folder.length() + 1);
              byte[] bytes = reader.open(tree.getObjectId(0)).getBytes();
              out.get(env).put(path, new String(bytes, StandardCharsets.UTF_8));
            }
          }
        }
      } catch (IOException e) {
        throw MeshgenException.of(address.shown(), "cannot read branch '" + branch + "': " + e.getMessage());
      }
    }
    return out;
  }
}
