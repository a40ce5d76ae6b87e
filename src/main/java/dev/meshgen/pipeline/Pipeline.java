package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import dev.meshgen.layout.KustomizeLayout;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.layout.RoleDefinition;
import dev.meshgen.layout.RoleDefinitions;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.Role;
import dev.meshgen.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole way from property files to output trees, in memory: load each environment, plan,
 * render, lay out. Every environment is tried, so one run reports all problems; nothing is
 * returned unless all succeeded.
 */
public final class Pipeline {
  private final Sources sources;
  private final Renderer renderer;
  private final Map<Role, RoleDefinition> roles;

  private Pipeline(Sources sources, Renderer renderer, Map<Role, RoleDefinition> roles) {
    this.sources = sources;
    this.renderer = renderer;
    this.roles = roles;
  }

  public static Pipeline of(Sources sources) throws MeshgenException {
    return new Pipeline(sources, Renderer.forTemplates(sources.templates()), RoleDefinitions.load(sources.overlays()));
  }

  /** Every environment in the sources, sorted. */
  public List<String> allEnvironments() throws MeshgenException {
    return Environments.list(sources.environments());
  }

  /** Renders {@code names} with {@code sets} overrides applied to each. */
  public List<RenderedTree> render(List<String> names, List<String> sets) throws MeshgenException {
    List<Diagnostic> problems = new ArrayList<>();
    List<RenderedTree> trees = new ArrayList<>();
    for (String name : names) {
      try {
        Environment env = Environments.load(sources.environments(), name, sets);
        Plan plan = Plan.of(env);
        trees.add(KustomizeLayout.arrange(plan, renderer.render(plan), roles));
      } catch (MeshgenException e) {
        problems.addAll(e.diagnostics());
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems.stream().distinct().toList());
    }
    return trees;
  }
}
