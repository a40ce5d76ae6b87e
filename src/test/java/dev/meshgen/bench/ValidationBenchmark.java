package dev.meshgen.bench;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environments;
import dev.meshgen.layout.KustomizeLayout;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.layout.RoleDefinitions;
import dev.meshgen.picture.TrafficPath;
import dev.meshgen.plan.Plan;
import dev.meshgen.render.Renderer;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.schema.ResourceSchemas;
import dev.meshgen.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints what validation costs (issue 3's targets): on {@code example} in a cold JVM, and on
 * about 1,000 rendered resources. Run with {@code bench/validate.sh}; it prints, it asserts nothing.
 */
public final class ValidationBenchmark {
  private ValidationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Sources sources = new Sources(root.resolve("environments"), root.resolve("templates"), root.resolve("overlays"));
    // Render example without validating, as render would before it validates, then time the
    // validation it adds in this cold JVM: loading the schemas, checking, the rules.
    Environment env = Environments.load(sources.environments(), "example", List.of());
    Plan plan = Plan.of(env);
    RenderedTree example = TrafficPath.withReadme(KustomizeLayout.arrange(plan,
        Renderer.forTemplates(sources.templates()).render(plan), RoleDefinitions.load(sources.overlays())));
    long t0 = System.nanoTime();
    Validator validator = Validator.withSchemas(ResourceSchemas.builtIn());
    validator.validate(example, env.clusters().mgmt().name());
    long cold = System.nanoTime() - t0;
    System.out.printf("validation added to rendering example in a cold JVM (schemas loaded, checked, rules): %.0f ms (%d files)%n",
        cold / 1e6, example.files().size());

    Path tmp = Files.createTempDirectory("meshgen-bench");
    SyntheticEnvironments.write(tmp.resolve("environments"), sources.environments().resolve("_defaults.yaml"), 1, 142);
    Sources big = new Sources(tmp.resolve("environments"), sources.templates(), sources.overlays());
    RenderedTree tree = Pipeline.of(big).check(List.of("env-0000"), List.of()).trees().get(0);
    long resources = tree.files().keySet().stream()
        .filter(p -> (p.startsWith("base/") || p.startsWith("overlays/")) && p.endsWith(".yaml")
            && !p.endsWith("kustomization.yaml"))
        .count();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long s = System.nanoTime();
      validator.validate(tree, "mgmt-0");
      times.add(System.nanoTime() - s);
    }
    Collections.sort(times);
    System.out.printf("validate %d rendered resources (strict schemas and rules): slowest %.0f ms, median of 7 %.0f ms%n",
        resources, times.get(times.size() - 1) / 1e6, times.get(3) / 1e6);
  }
}
