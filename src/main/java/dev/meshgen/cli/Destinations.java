package dev.meshgen.cli;

import dev.meshgen.environment.Environment.Gitops;
import dev.meshgen.layout.RenderedTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where publish and diff find each environment: the repository, branch and folder of its gitops
 * block (the ones its Flux and Argo CD entry points name), grouped so that each repository and
 * branch gets one commit (issue 10).
 */
final class Destinations {
  private Destinations() {}

  /**
   * One repository and branch and the environments it holds, each under its own folder.
   *
   * @param repository where to push or read: {@code --repo}, else the environments' repoUrl, else
   *     {@link GitOptions#DEFAULT_REPOSITORY}
   * @param prefixes environment to the folder that holds its folder ({@code gitops.path}), in order
   */
  record Destination(String repository, String branch, Map<String, String> prefixes, List<RenderedTree> trees) {
    Destination {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(branch, "branch");
      prefixes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
      trees = List.copyOf(trees);
    }

    boolean isDefaultRepository() {
      return repository.equals(GitOptions.DEFAULT_REPOSITORY);
    }
  }

  /**
   * Groups {@code trees} by repository and branch, in the order of their first environment.
   * {@code repo} ({@code --repo}) replaces every environment's repository; the branch and folder
   * always come from the environment. Two spellings of one repository ({@code git@host:x} and
   * {@code ssh://git@host/x}) are one group, pushed to as the first environment writes it.
   */
  static List<Destination> of(List<RenderedTree> trees, Map<String, Gitops> gitops, Optional<String> repo) {
    return group(trees, RenderedTree::environment, gitops, repo);
  }

  /**
   * As {@link #of}, for environments not rendered yet ({@code gitops}: every environment, in
   * order): each destination's trees are empty, its prefixes name its environments.
   */
  static List<Destination> of(Map<String, Gitops> gitops, Optional<String> repo) {
    return group(List.copyOf(gitops.keySet()), name -> name, gitops, repo).stream()
        .map(d -> new Destination(d.repository(), d.branch(), d.prefixes(), List.of())).toList();
  }

  private static <T> List<Destination> group(List<T> items, java.util.function.Function<T, String> environment,
      Map<String, Gitops> gitops, Optional<String> repo) {
    Map<List<String>, String> repositories = new LinkedHashMap<>();
    Map<List<String>, Map<String, String>> prefixes = new LinkedHashMap<>();
    Map<List<String>, List<T>> members = new LinkedHashMap<>();
    for (T item : items) {
      String name = environment.apply(item);
      Gitops g = Objects.requireNonNull(gitops.get(name), name);
      String repository = repo.orElse(g.repoUrl() == null ? GitOptions.DEFAULT_REPOSITORY : g.repoUrl());
      List<String> key = List.of(Gitops.fluxUrl(repository), g.branch());
      repositories.putIfAbsent(key, repository);
      prefixes.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(name, g.path());
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    }
    List<Destination> out = new ArrayList<>();
    for (List<String> key : repositories.keySet()) {
      List<RenderedTree> trees = members.get(key).stream().filter(RenderedTree.class::isInstance)
          .map(RenderedTree.class::cast).toList();
      out.add(new Destination(repositories.get(key), key.get(1), prefixes.get(key), trees));
    }
    return out;
  }
}
