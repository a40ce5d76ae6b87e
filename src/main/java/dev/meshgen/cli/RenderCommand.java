package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
import dev.meshgen.write.OutputWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code meshgen render}: property files to a Kustomize tree per environment under --out. */
final class RenderCommand implements Command {
  private static final String SUMMARY =
      "Render environments into OUT/<env>/base and OUT/<env>/overlays/{mgmt,local,remote}. An environment whose "
          + "inputs are those OUT/<env>/.meshgen records, and whose files nobody changed since, is kept as it is, "
          + "not rendered again (--full renders all).";

  @Override
  public String name() {
    return "render";
  }

  @Override
  public String summary() {
    return "render environments into a Kustomize base and overlays";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException {
    Options options = SharedOptions.add(new Options());
    options.addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
        .desc("output folder; each environment is written to DIR/<env> (required); '-' prints every YAML document "
            + "of every environment to stdout instead, each under a '# Source:' comment, as helm template does").build());
    options.addOption(Option.builder().longOpt("full")
        .desc("render every environment, even those whose inputs (merged properties, templates, role definitions, "
            + "meshgen's version) match what the output folder's record says it was made from; by default those are "
            + "kept as they are").build());
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    if (!line.hasOption("out")) {
      throw new UsageException("--out DIR is required");
    }
    long started = System.nanoTime();
    if (line.getOptionValue("out").equals("-")) {
      DocumentStream.print(SharedOptions.renderChecked(line, err), out);
      return Cli.OK;
    }
    Path into = Path.of(line.getOptionValue("out"));
    // An environment whose inputs match its folder's record is read back, not rendered (issue 14).
    Pipeline.Report report = SharedOptions.renderChecked(line, err, List.of(), prepared -> line.hasOption("full")
        ? Pipeline.Previous.NONE
        : (env, inputHash) -> OutputWriter.previous(into, env, inputHash).map(RenderedTree.Folder::of));
    List<RenderedTree> trees = report.trees();
    Sources sources = SharedOptions.sources(line);
    List<Path> protectedFolders = List.of(sources.environments(), sources.templates(), sources.overlays());
    for (OutputWriter.Outcome o : OutputWriter.write(into, trees, protectedFolders, java.util.Set.copyOf(report.unchanged()))) {
      if (o.changed()) {
        out.printf("%s: wrote %s (%d added, %d changed, %d removed)%n",
            o.environment(), o.folder(), o.added(), o.modified(), o.removed());
      } else {
        out.printf("%s: %s is up to date%n", o.environment(), o.folder());
      }
    }
    if (trees.size() > 1) {
      long resources = trees.stream().mapToLong(RenderedTree::resources).sum();
      int unchanged = report.unchanged().size();
      out.printf(java.util.Locale.ROOT, "meshgen render: %d environments (rendered %d, unchanged %d), %d resources, "
          + "%.1f s%n", trees.size(), trees.size() - unchanged, unchanged, resources, (System.nanoTime() - started) / 1e9);
    }
    return Cli.OK;
  }
}
