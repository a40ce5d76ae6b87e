package dev.meshgen.diff;

import java.util.List;
import java.util.Objects;

/**
 * What a change does to one environment: resource changes, the risks they carry, and the traffic
 * path picture before and after (empty when the tree has none).
 */
public record EnvironmentDiff(
    String environment, boolean isNew, List<ResourceChange> changes, List<String> risks, String pathBefore, String pathAfter) {
  public EnvironmentDiff {
    Objects.requireNonNull(environment, "environment");
    changes = List.copyOf(changes);
    risks = List.copyOf(risks);
    pathBefore = Objects.requireNonNullElse(pathBefore, "");
    pathAfter = Objects.requireNonNullElse(pathAfter, "");
  }

  public boolean hasChanges() {
    return !changes.isEmpty() || !pathBefore.equals(pathAfter);
  }

  public boolean pathChanged() {
    return !pathBefore.equals(pathAfter);
  }

  public long count(ResourceChange.Type type) {
    return changes.stream().filter(c -> c.type() == type).count();
  }
}
