package dev.meshgen.cli;

import dev.meshgen.publish.PublishRequest.Credentials;
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
    options.addOption(opt("repo", "URL|PATH", "GitOps repository to " + verb + ": https://, ssh://, git@host:path, "
        + "file:// or a local path (default " + DEFAULT_REPOSITORY + ", " + aboutDefault + ")"));
    options.addOption(opt("branch", "NAME", "branch to " + verb + " (default main)"));
    options.addOption(opt("path", "PREFIX", "folder in the repository holding one folder per environment "
        + "(default: the repository's root)"));
    options.addOption(opt("username", "NAME", "HTTPS user (default $GIT_USERNAME)"));
    options.addOption(opt("password-env", "VAR", "environment variable holding the HTTPS password or token "
        + "(default GIT_PASSWORD); a password is never taken on the command line, where ps and shell history show it"));
    return options;
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
