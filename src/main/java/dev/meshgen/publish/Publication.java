package dev.meshgen.publish;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a publish did: the change per environment, and the commit it pushed, if any.
 *
 * @param repository the repository as it may be printed (credentials redacted)
 * @param branch the branch published to
 * @param changes one entry per environment, in the order given, including unchanged ones
 * @param commit the commit pushed; empty when nothing changed or on a dry run
 * @param attempts how many times the change was applied and pushed (more than 1 when the branch
 *     moved meanwhile)
 * @param createdRepository true when an empty repository was created first
 */
public record Publication(String repository, String branch, List<EnvironmentChange> changes,
    Optional<String> commit, int attempts, boolean createdRepository) {

  public Publication {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(branch, "branch");
    changes = List.copyOf(changes);
    Objects.requireNonNull(commit, "commit");
  }

  /** True when any environment's files differ from what the branch holds. */
  public boolean changed() {
    return changes.stream().anyMatch(EnvironmentChange::changed);
  }

  /**
   * The files of one environment that a commit adds, changes and removes, as paths relative to
   * the environment's folder, sorted.
   */
  public record EnvironmentChange(String environment, String folder, List<String> added, List<String> modified,
      List<String> removed) {
    public EnvironmentChange {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(folder, "folder");
      added = List.copyOf(added);
      modified = List.copyOf(modified);
      removed = List.copyOf(removed);
    }

    public boolean changed() {
      return !added.isEmpty() || !modified.isEmpty() || !removed.isEmpty();
    }
  }
}
