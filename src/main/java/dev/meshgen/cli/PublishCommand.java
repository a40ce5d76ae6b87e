package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.publish.FetchedBranch;
import dev.meshgen.publish.Publication;
import dev.meshgen.publish.Publication.EnvironmentChange;
import dev.meshgen.publish.PublishRequest;
import dev.meshgen.publish.PublishRequest.Credentials;
import dev.meshgen.publish.PublishRequest.Identity;
import dev.meshgen.publish.Publisher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code meshgen publish}: render, then commit the environments' folders to a branch of a GitOps
 * repository and push, only when something changed (issue 4).
 */
final class PublishCommand implements Command {
  private static final String DEFAULT_REPOSITORY = GitOptions.DEFAULT_REPOSITORY;

  private static final String SUMMARY = "Render environments and publish each where its gitops block says "
      + "(repoUrl, branch, path): it replaces <path>/<env> on that branch, one commit per repository and branch "
      + "with trailers linking the source, pushed without force. Nothing changed: no commit.";
  private static final Identity DEFAULT_AUTHOR = new Identity("meshgen", "meshgen@localhost");

  private final Map<String, String> env;

  PublishCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return "publish";
  }

  @Override
  public String summary() {
    return "render and commit environments to a GitOps repository";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException {
    refusePasswordArgument(args);
    Options options = SharedOptions.add(new Options());
    addOptions(options);
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    PublishRequest request = request(line);
    // Provenance (issue 12): the commit links to a source commit only when it holds what is published.
    dev.meshgen.pipeline.Sources sources = SharedOptions.sources(line);
    List<String> dirty = Publisher.dirtySource(sources.environments(),
        List.of(sources.environments(), sources.templates(), sources.overlays()));
    if (!dirty.isEmpty() && !line.hasOption("allow-dirty")) {
      throw MeshgenException.of(sources.environments().toString(), "the source tree has changes no commit holds ("
          + String.join(", ", dirty.stream().limit(5).toList()) + (dirty.size() > 5 ? ", and " + (dirty.size() - 5)
          + " more" : "") + "), so no commit would say what was published; commit them, or publish with "
          + "--allow-dirty (the commit then says Meshgen-source-dirty: true and names no source commit)");
    }
    List<String> overrides = new ArrayList<>();
    SharedOptions.valuesFiles(line).forEach(f -> overrides.add("Meshgen-values: " + f));
    SharedOptions.sets(line).forEach(set -> overrides.add("Meshgen-set: " + set));
    GitOptions.targetOverrides(line).forEach(set -> overrides.add("Meshgen-set: " + set));
    SharedOptions.stringSets(line).forEach(set -> overrides.add("Meshgen-set-string: " + set));
    request = request.withProvenance(request.provenance().with(!dirty.isEmpty(), overrides));
    Optional<String> repo = Optional.ofNullable(line.getOptionValue("repo"));
    PublishRequest shared = request;
    List<FetchedBranch> fetched = new ArrayList<>();
    try {
      // Each branch is fetched once, before the render: an environment whose folder there was made
      // from the same inputs is read back from it instead of rendered (issue 14).
      Pipeline.Report rendered = SharedOptions.renderChecked(line, err, GitOptions.targetOverrides(line), prepared -> {
        if (line.hasOption("full") || prepared.hasProblems()) {
          return Pipeline.Previous.NONE; // a failing render needs no fetch
        }
        Map<String, FetchedBranch> byEnvironment = new HashMap<>();
        for (Destinations.Destination d : Destinations.of(prepared.gitops(), repo)) {
          FetchedBranch branch = Publisher.fetch(to(d, shared));
          fetched.add(branch);
          d.prefixes().keySet().forEach(e -> byEnvironment.put(e, branch));
        }
        return (env, inputHash) -> byEnvironment.containsKey(env)
            ? byEnvironment.get(env).folder(env, inputHash)
            : Optional.empty();
      });
      // One commit per repository and branch; a failure stops before the next, and says which landed.
      for (Destinations.Destination d : Destinations.of(rendered.trees(), rendered.gitops(), repo)) {
        PublishRequest to = to(d, shared);
        FetchedBranch branch = fetched.stream().filter(f -> f.serves(to)).findFirst().orElse(null);
        report(Publisher.publish(to, d.trees(), branch, java.util.Set.copyOf(rendered.unchanged())), to, out);
      }
      if (rendered.trees().size() > 1) {
        int unchanged = rendered.unchanged().size();
        out.printf("meshgen publish: %d environments (rendered %d, unchanged %d)%n", rendered.trees().size(),
            rendered.trees().size() - unchanged, unchanged);
      }
    } finally {
      fetched.forEach(FetchedBranch::close);
    }
    return Cli.OK;
  }

  /** The request for one destination: its repository, branch and folders, with the options all share. */
  private static PublishRequest to(Destinations.Destination d, PublishRequest request) {
    return new PublishRequest(d.repository(), d.branch(), "", request.author(), request.committer(),
        request.provenance(), request.credentials(), d.isDefaultRepository(), request.dryRun(), request.refuseOlder(),
        request.attempts(), d.prefixes(), true);
  }

  private static void addOptions(Options options) {
    GitOptions.add(options, "publish to", "created as an empty bare repository if missing, as is "
        + DEFAULT_REPOSITORY + " given with --repo");
    options.addOption(opt("author", "NAME <EMAIL>", "commit author (default GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL, "
        + "else " + DEFAULT_AUTHOR + ")"));
    options.addOption(opt("committer", "NAME <EMAIL>", "committer (default GIT_COMMITTER_NAME/GIT_COMMITTER_EMAIL, "
        + "else the author)"));
    options.addOption(opt("source-sha", "SHA", "source commit for the Argocd-reference-commit-sha trailer "
        + "(default: HEAD of the repository meshgen runs in)"));
    options.addOption(opt("build-url", "URL", "CI build for the Meshgen-build-url trailer (default $BUILD_URL)"));
    options.addOption(opt("attempts", "N", "pushes to try when the branch moved meanwhile (default 5)"));
    options.addOption(Option.builder().longOpt("dry-run")
        .desc("show what would be committed (files added, changed, removed); push nothing").get());
    options.addOption(Option.builder().longOpt("allow-dirty").desc("publish from a source tree with uncommitted "
        + "changes (refused otherwise); the commit says Meshgen-source-dirty: true and names no source commit").get());
    options.addOption(Option.builder().longOpt("full").desc("render every environment, even those whose folder in the "
        + "repository records the same inputs (merged properties, templates, role definitions, meshgen's version); "
        + "by default those are taken from the repository as they are").get());
    options.addOption(Option.builder().longOpt("refuse-older").desc("refuse to replace an environment last "
        + "published from a source commit that is not an ancestor of this one (a later build finished first)").get());
  }

  /**
   * A password on the command line shows in ps and shell history; refuse it before the option
   * parser, which would take {@code --password} as an abbreviation of {@code --password-env}.
   * The value is never echoed.
   */
  private static void refusePasswordArgument(String[] args) throws UsageException {
    for (String arg : args) {
      if (arg.equals("--")) {
        return;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.startsWith("--pass") && !name.equals("--password-env")) {
        throw new UsageException("a password is never taken on the command line: put it in GIT_PASSWORD, or in "
            + "the environment variable named by --password-env");
      }
    }
  }

  private static Option opt(String name, String arg, String desc) {
    return GitOptions.opt(name, arg, desc);
  }

  private PublishRequest request(CommandLine line) throws UsageException {
    String repository = line.getOptionValue("repo", DEFAULT_REPOSITORY);
    GitOptions.targetOverrides(line); // a bad --path is a usage error before anything is rendered
    Identity author = identity(line, "author", "GIT_AUTHOR").orElse(DEFAULT_AUTHOR);
    Optional<Identity> committer = identity(line, "committer", "GIT_COMMITTER");
    Optional<String> sourceSha = Optional.ofNullable(line.getOptionValue("source-sha"));
    if (sourceSha.isPresent() && !sourceSha.get().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new UsageException("--source-sha '" + sourceSha.get() + "': give a full commit id (40 hex digits)");
    }
    Optional<String> buildUrl = Optional.ofNullable(line.getOptionValue("build-url", blankToNull(env.get("BUILD_URL"))));
    int attempts;
    try {
      attempts = Integer.parseInt(line.getOptionValue("attempts", "5"));
    } catch (NumberFormatException e) {
      attempts = 0;
    }
    if (attempts < 1 || attempts > 20) {
      throw new UsageException("--attempts must be a number from 1 to 20");
    }
    // The options every destination shares; repository, branch and folders come per destination.
    return new PublishRequest(repository, "main", "", author, committer,
        Publisher.provenance(SharedOptions.sources(line).environments(), sourceSha, buildUrl, Cli.version()),
        credentials(line), false,
        line.hasOption("dry-run"), line.hasOption("refuse-older"), attempts);
  }

  private Optional<Identity> identity(CommandLine line, String option, String envPrefix) throws UsageException {
    String given = line.getOptionValue(option);
    if (given != null) {
      return Optional.of(Identity.parse(given).orElseThrow(() ->
          new UsageException("--" + option + " '" + given + "': write it as \"Name <email>\"")));
    }
    String name = blankToNull(env.get(envPrefix + "_NAME"));
    String email = blankToNull(env.get(envPrefix + "_EMAIL"));
    return name == null || email == null ? Optional.empty() : Optional.of(new Identity(name, email));
  }

  private Optional<Credentials> credentials(CommandLine line) throws UsageException {
    return GitOptions.credentials(line, env);
  }

  private static String blankToNull(String s) {
    return GitOptions.blankToNull(s);
  }

  private static long resources(List<String> files) {
    return files.stream().filter(f -> f.endsWith(".yaml") && !f.endsWith("/kustomization.yaml") && !f.contains("/patches/"))
        .count();
  }

  private static void report(Publication p, PublishRequest request, PrintStream out) {
    if (p.createdRepository()) {
      out.printf("created an empty repository at %s (see it with: git clone %s)%n", p.repository(), p.repository());
    }
    for (EnvironmentChange c : p.changes()) {
      if (!c.changed()) {
        out.printf("%s: %s/ is up to date%n", c.environment(), c.folder());
        continue;
      }
      // Resources, as diff counts them (issue 12): YAML documents, not kustomizations, pictures or records.
      out.printf("%s: %s/: %d resources added, %d changed, %d removed%n", c.environment(), c.folder(),
          resources(c.added()), resources(c.modified()), resources(c.removed()));
      if (request.dryRun()) {
        c.added().forEach(f -> out.println("  A " + f));
        c.modified().forEach(f -> out.println("  M " + f));
        c.removed().forEach(f -> out.println("  D " + f));
      }
    }
    String where = p.repository() + " (branch " + p.branch() + ")";
    if (!p.changed()) {
      out.println("no change: " + where + " already holds this render; nothing committed");
    } else if (request.dryRun()) {
      long envs = p.changes().stream().filter(EnvironmentChange::changed).count();
      out.printf("dry run: would commit %d environment(s) to %s; nothing was pushed%n", envs, where);
    } else {
      String retried = p.attempts() > 1 ? " after " + p.attempts() + " attempts (the branch moved meanwhile)" : "";
      out.printf("published %s to %s%s%n", p.commit().orElseThrow(), where, retried);
    }
  }
}
