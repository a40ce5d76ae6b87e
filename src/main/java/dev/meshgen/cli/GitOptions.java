package dev.meshgen.cli;

import dev.meshgen.publish.PublishRequest;
import dev.meshgen.publish.PublishRequest.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The GitOps repository options that publish and diff share: where, which branch and folder, who. */
final class GitOptions {
  /** Where publish and diff go without --repo: a bare repository publish creates, so the main job works out of the box. */
  static final String DEFAULT_REPOSITORY = "build/gitops.git";

  private GitOptions() {}

  /**
   * Adds --repo, --branch, --path, --username and --password-env; {@code verb} says what the
   * command does there, {@code aboutDefault} what it does with the default repository.
   */
  static Options add(Options options, String verb, String aboutDefault) {
    options.addOption(opt("repo", "URL|PATH", "GitOps repository to " + verb + " instead of each environment's "
        + "gitops.repoUrl (a mirror or a test repository): https://, ssh://, git@host:path, file:// or a local path. "
        + "Environments without a repoUrl use " + DEFAULT_REPOSITORY + " (" + aboutDefault + ")"));
    options.addOption(opt("branch", "NAME", "branch to " + verb + " instead of each environment's gitops.branch "
        + "(default main); the entry points are rendered for it, as with --set gitops.branch=NAME"));
    options.addOption(opt("path", "PREFIX", "folder holding one folder per environment instead of each "
        + "environment's gitops.path (default: the repository's root); the entry points are rendered for it, "
        + "as with --set gitops.path=PREFIX"));
    options.addOption(opt("username", "NAME", "HTTPS user (default $GIT_USERNAME)"));
    options.addOption(opt("password-env", "VAR", "environment variable holding the HTTPS password or token "
        + "(default GIT_PASSWORD); a password is never taken on the command line, where ps and shell history show it"));
    return options;
  }

  /**
   * {@code --branch} and {@code --path} as overrides of every environment's gitops block, so the
   * Flux and Argo CD entry points are rendered for where the environment is put and never point
   * elsewhere (issue 10).
   */
  static List<String> targetOverrides(CommandLine line) throws UsageException {
    List<String> sets = new ArrayList<>();
    if (line.hasOption("branch")) {
      sets.add("gitops.branch=" + line.getOptionValue("branch"));
    }
    if (line.hasOption("path")) {
      String path = line.getOptionValue("path");
      try {
        sets.add("gitops.path=" + PublishRequest.normalizePath(path));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--path '" + path + "': give a relative folder such as clusters or envs/mesh, "
            + "without '..'");
      }
    }
    return sets;
  }

  static Option opt(String name, String arg, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).get();
  }

  /** HTTPS credentials from --username/GIT_USERNAME and the variable named by --password-env (GIT_PASSWORD). */
  static Optional<Credentials> credentials(CommandLine line, Map<String, String> env) throws UsageException {
    String user = line.getOptionValue("username", blankToNull(env.get("GIT_USERNAME")));
    String variable = line.getOptionValue("password-env", "GIT_PASSWORD");
    String password = blankToNull(env.get(variable));
    if (line.hasOption("password-env") && password == null) {
      throw new UsageException("the environment variable named by --password-env is not set");
    }
    if (user == null || password == null) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(user, password));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
