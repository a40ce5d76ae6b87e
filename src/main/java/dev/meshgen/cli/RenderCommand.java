package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
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
      "Render environments into OUT/<env>/base and OUT/<env>/overlays/{mgmt,local,remote}.";

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
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    if (!line.hasOption("out")) {
      throw new UsageException("--out DIR is required");
    }
    long started = System.nanoTime();
    List<RenderedTree> trees = SharedOptions.renderChecked(line, err);
    if (line.getOptionValue("out").equals("-")) {
      DocumentStream.print(trees, out);
      return Cli.OK;
    }
    Sources sources = SharedOptions.sources(line);
    List<Path> protectedFolders = List.of(sources.environments(), sources.templates(), sources.overlays());
    for (OutputWriter.Outcome o : OutputWriter.write(Path.of(line.getOptionValue("out")), trees, protectedFolders)) {
      if (o.changed()) {
        out.printf("%s: wrote %s (%d added, %d changed, %d removed)%n",
            o.environment(), o.folder(), o.added(), o.modified(), o.removed());
      } else {
        out.printf("%s: %s is up to date%n", o.environment(), o.folder());
      }
    }
    if (trees.size() > 1) {
      long resources = trees.stream().mapToLong(t -> t.manifests().stream().filter(m -> !m.isKustomization()).count()).sum();
      out.printf(java.util.Locale.ROOT, "meshgen render: %d environments, %d resources, %.1f s%n",
          trees.size(), resources, (System.nanoTime() - started) / 1e9);
    }
    return Cli.OK;
  }
}
