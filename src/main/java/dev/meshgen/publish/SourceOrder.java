package dev.meshgen.publish;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.publish.Publication.EnvironmentChange;
import dev.meshgen.publish.PublishRequest.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * {@code --refuse-older}: an environment may be replaced only when the source commit it was last
 * published from (the {@code Argocd-reference-commit-sha} trailer of the last commit touching its
 * folder) is this build's source commit or one of its ancestors. A commit this build's source
 * repository does not know counts as newer: a build that started later saw commits an earlier
 * one never fetched.
 */
final class SourceOrder {
  private SourceOrder() {}

  static void check(Repository work, RevCommit base, List<EnvironmentChange> changes, Provenance provenance,
      String shown) throws IOException, MeshgenException {
    if (base == null) {
      return;
    }
    if (provenance.sourceSha().isEmpty() || provenance.sourceRepository().isEmpty()) {
      throw MeshgenException.of(shown, "--refuse-older needs the source commit and its repository: run meshgen "
          + "inside the source repository's work tree");
    }
    String current = provenance.sourceSha().get();
    Path source = provenance.sourceRepository().get();
    if (!SourceRepository.hasCommit(source, current)) {
      throw MeshgenException.of(shown, "--refuse-older: source commit " + current + " is not in the repository at "
          + source + "; pass the sha of a commit there with --source-sha");
    }
    List<Diagnostic> problems = new ArrayList<>();
    for (EnvironmentChange change : changes) {
      if (!change.changed()) {
        continue;
      }
      String recorded = lastSource(work, base, change.folder());
      if (recorded != null && !recorded.equals(current) && !SourceRepository.isAncestor(source, recorded, current)) {
        problems.add(Diagnostic.error(Location.ofFile(shown), change.folder() + "/",
            "was last published from source commit " + recorded + ", which is not an ancestor of " + current
                + " (a later build finished first?); not replacing it. Publish from a newer source commit, "
                + "or leave out --refuse-older to overwrite it"));
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
  }

  /** The source sha recorded by the last commit that touched {@code folder}; null when none recorded one. */
  private static String lastSource(Repository work, RevCommit base, String folder) throws IOException {
    try (RevWalk walk = new RevWalk(work)) {
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(folder), TreeFilter.ANY_DIFF));
      walk.setRevFilter(RevFilter.ALL);
      walk.markStart(walk.parseCommit(base));
      RevCommit last = walk.next();
      if (last == null) {
        return null;
      }
      List<String> shas = last.getFooterLines(CommitMessage.SOURCE_SHA);
      return shas.isEmpty() ? null : shas.get(0).strip();
    }
  }
}
