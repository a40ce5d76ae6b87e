package dev.meshgen.bench;

import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
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
    Validator validator = Validator.setupRules();

    RenderedTree example = Pipeline.of(sources).check(List.of("example"), List.of()).trees().get(0);
    long t0 = System.nanoTime();
    validator.validate(example, "mgmt");
    long cold = System.nanoTime() - t0;
    System.out.printf("validate example, first call in a cold JVM: %.1f ms (%d files)%n", cold / 1e6, example.files().size());

    Path tmp = Files.createTempDirectory("meshgen-bench");
    SyntheticEnvironments.write(tmp.resolve("environments"), sources.environments().resolve("_defaults.yaml"), 1, 140);
    Sources big = new Sources(tmp.resolve("environments"), sources.templates(), sources.overlays());
    RenderedTree tree = Pipeline.of(big).check(List.of("env-0000"), List.of()).trees().get(0);
    long resources = tree.files().keySet().stream().filter(p -> !p.endsWith("kustomization.yaml") && p.endsWith(".yaml")).count();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long s = System.nanoTime();
      validator.validate(tree, "mgmt-0");
      times.add(System.nanoTime() - s);
    }
    Collections.sort(times);
    System.out.printf("validate %d rendered resources: first %.0f ms, median of 7 %.0f ms%n",
        resources, times.get(times.size() - 1) / 1e6, times.get(3) / 1e6);
  }
}
