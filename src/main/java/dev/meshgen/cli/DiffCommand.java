package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.diff.DiffReport;
import dev.meshgen.diff.EnvironmentDiff;
import dev.meshgen.diff.TreeDiff;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.publish.Publisher;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code meshgen diff}: what the sources render now against what the GitOps repository holds,
 * resource by resource, for a terminal or a pull-request comment (issue 5).
 */
final class DiffCommand implements Command {
  private static final String SUMMARY = "Compare what the sources render now with what the GitOps repository "
      + "holds where each environment's gitops block says (repoUrl, branch, path), resource by resource: added, "
      + "removed and changed resources with a unified diff each, and the risks.";

  private final Map<String, String> env;

  DiffCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return "diff";
  }

  @Override
  public String onFailure() {
    return ".";
  }

  @Override
  public String summary() {
    return "show what a change does to the GitOps repository, resource by resource";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException {
    Options options = SharedOptions.add(new Options());
    GitOptions.add(options, "compare with", "which meshgen publish creates");
    options.addOption(GitOptions.opt("format", "text|markdown|json", "text for a terminal (default), markdown for a "
        + "pull-request comment, json for CI tools"));
    options.addOption(Option.builder().longOpt("exit-code")
        .desc("exit 2 when the repository would change (0: no change, 1: an error), as terraform plan "
            + "-detailed-exitcode and helm diff --detailed-exitcode do").get());
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    String format = line.getOptionValue("format", "text");
    if (!format.equals("text") && !format.equals("markdown") && !format.equals("json")) {
      throw new UsageException("--format must be text, markdown or json, got '" + format + "'");
    }
    Pipeline.Report rendered = SharedOptions.renderChecked(line, err, GitOptions.targetOverrides(line));
    Map<String, Map<String, String>> held = new HashMap<>();
    for (Destinations.Destination d : Destinations.of(rendered.trees(), rendered.gitops(),
        Optional.ofNullable(line.getOptionValue("repo")))) {
      if (d.isDefaultRepository() && !line.hasOption("repo") && !Files.exists(Path.of(d.repository()))) {
        throw MeshgenException.of(d.repository(), "no GitOps repository here yet: run 'meshgen publish --repo "
            + d.repository() + "' first, or compare with another one with --repo URL|PATH");
      }
      // A branch the repository lacks holds nothing yet: publish would start it with these environments.
      held.putAll(Publisher.snapshot(d.repository(), d.branch(), d.prefixes(), GitOptions.credentials(line, env), true));
    }
    List<EnvironmentDiff> diffs = new ArrayList<>();
    for (RenderedTree tree : rendered.trees()) {
      // One environment at a time, its documents parsed into a copy that is dropped right after:
      // diff --all of 1,000 environments fits the launcher's heap (issue 14).
      diffs.add(TreeDiff.compare(held.remove(tree.environment()), tree.withoutTrees()));
    }
    out.print(switch (format) {
      case "markdown" -> DiffReport.markdown(diffs);
      case "json" -> DiffReport.json(diffs);
      default -> DiffReport.text(diffs);
    });
    boolean changed = diffs.stream().anyMatch(EnvironmentDiff::hasChanges);
    return changed && line.hasOption("exit-code") ? Cli.CHANGES : Cli.OK;
  }
}
