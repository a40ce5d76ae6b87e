package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.environment.Environments;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Options every command that renders shares: which environments, from where, with which overrides. */
final class SharedOptions {
  private SharedOptions() {}

  static Options add(Options options) {
    options.addOption(Option.builder().longOpt("env").hasArg().argName("NAME")
        .desc("an environment to use: environments/NAME.yaml (repeatable)").build());
    options.addOption(Option.builder().longOpt("all").desc("use every environment in the environments folder").build());
    options.addOption(Option.builder().longOpt("environments").hasArg().argName("DIR")
        .desc("folder of property files (default ./environments)").build());
    options.addOption(Option.builder().longOpt("templates").hasArg().argName("DIR")
        .desc("folder of FreeMarker templates (default ./templates)").build());
    options.addOption(Option.builder().longOpt("overlays").hasArg().argName("DIR")
        .desc("folder of role definitions and hand-kept patches (default ./overlays)").build());
    options.addOption(Option.builder().longOpt("set").hasArg().argName("PATH=VALUE")
        .desc("override one property for this run, e.g. externalServices[0].tlsOrigination.mode=DISABLE (repeatable)").build());
    options.addOption(Option.builder().longOpt("set-string").hasArg().argName("PATH=VALUE")
        .desc("as --set, but the value stays a string (e.g. a tag like 1.16 or true); applied after --set (repeatable)").build());
    options.addOption(Option.builder("f").longOpt("values").hasArg().argName("FILE")
        .desc("a YAML file of properties layered over each environment's file, before --set (repeatable, in order)").build());
    options.addOption(Option.builder().longOpt("crds").hasArg().argName("PATH")
        .desc("validate against these CustomResourceDefinitions (file or folder, e.g. kubectl get crd -o yaml) "
            + "instead of the built-in schemas for the kinds they define (repeatable)").build());
    options.addOption(Option.builder().longOpt("strict")
        .desc("fail on warnings the property files do not acknowledge (acknowledge: [{rule, resource, reason}])").build());
    options.addOption(Option.builder().longOpt("stacktrace").desc("print stack traces of failures").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return options;
  }

  /**
   * What render, publish and diff do first: render and validate the chosen environments, refuse
   * any error finding, print the warnings to {@code err}, and return the trees.
   */
  static List<RenderedTree> renderChecked(CommandLine line, PrintStream err) throws UsageException, MeshgenException {
    return renderChecked(line, err, List.of()).trees();
  }

  /**
   * As {@link #renderChecked(CommandLine, PrintStream)}, with {@code more} overrides applied after
   * the --set ones, returning the whole report (with each environment's gitops block).
   */
  static Pipeline.Report renderChecked(CommandLine line, PrintStream err, List<String> more)
      throws UsageException, MeshgenException {
    return renderChecked(line, err, more, null);
  }

  /**
   * As {@link #renderChecked(CommandLine, PrintStream, List)}, for output to keep: {@code previous}
   * says, once the environments are loaded, where the last run's output of each is, so that those
   * whose inputs did not change are read back instead of rendered (issue 14); null renders all
   * as {@link Pipeline#check} does, with records that name no input hash.
   */
  static Pipeline.Report renderChecked(CommandLine line, PrintStream err, List<String> more,
      java.util.function.Function<Pipeline.Prepared, Pipeline.Previous> previous)
      throws UsageException, MeshgenException {
    checkSelection(line);
    Pipeline pipeline = pipeline(line);
    List<String> sets = new ArrayList<>(sets(line));
    sets.addAll(more);
    List<String> names = environments(line, pipeline);
    // Progress on a terminal only: a CI log gets the summary line, not a spinner (issue 12).
    boolean progress = names.size() > 1 && System.console() != null && System.getenv("CI") == null;
    if (progress) {
      err.print("meshgen: rendering and validating " + names.size() + " environments...\r");
      err.flush();
    }
    dev.meshgen.environment.Overrides overrides =
        new dev.meshgen.environment.Overrides(valuesFiles(line), sets, stringSets(line));
    Pipeline.Report report;
    if (previous == null) {
      report = pipeline.check(names, overrides);
    } else {
      Pipeline.Prepared prepared = pipeline.prepare(names, overrides);
      report = pipeline.render(prepared, previous.apply(prepared));
    }
    if (progress) {
      err.print("\u001b[2K\r"); // clear the progress line before the findings
      err.flush();
    }
    List<dev.meshgen.diagnostic.Diagnostic> findings = strict(line, report.findings());
    if (findings.stream().anyMatch(dev.meshgen.diagnostic.Diagnostic::isError)) {
      throw new MeshgenException(findings);
    }
    Diagnostics.print(report.findings(), err);
    return report;
  }

  /** {@code findings} with unacknowledged warnings made errors when {@code --strict} is given. */
  static List<dev.meshgen.diagnostic.Diagnostic> strict(CommandLine line, List<dev.meshgen.diagnostic.Diagnostic> findings) {
    return line.hasOption("strict") ? findings.stream().map(dev.meshgen.diagnostic.Diagnostic::strict).toList() : findings;
  }

  /** The pipeline for this command line: its sources and schemas. */
  static Pipeline pipeline(CommandLine line) throws MeshgenException {
    String[] crds = line.getOptionValues("crds");
    List<Path> paths = new ArrayList<>();
    for (String c : crds == null ? new String[0] : crds) {
      paths.add(Path.of(c));
    }
    return Pipeline.of(sources(line), paths);
  }

  static CommandLine parse(Options options, String[] args) throws UsageException {
    try {
      CommandLine line = new DefaultParser().parse(options, args);
      if (!line.getArgList().isEmpty()) {
        throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "'");
      }
      return line;
    } catch (org.apache.commons.cli.UnrecognizedOptionException e) {
      String given = e.getOption().replaceFirst("^-+", "").replaceFirst("=.*", "");
      List<String> known = options.getOptions().stream().map(o -> o.getLongOpt()).filter(java.util.Objects::nonNull).toList();
      String hint = dev.meshgen.diagnostic.Suggestions.didYouMean(given, known, "options");
      // Only a close match is worth a line; the usage error's next line points at --help for the list.
      throw new UsageException("unknown option '" + dev.meshgen.diagnostic.Diagnostic.oneLine(e.getOption(), 60) + "'"
          + (hint.startsWith(" (did you mean '") ? hint.replace("'", "'--").replace("'--?", "'?") : ""));
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static boolean helpShown(CommandLine line, Options options, String command, String summary, PrintStream out) {
    if (!line.hasOption("help")) {
      return false;
    }
    PrintWriter w = new PrintWriter(out, true);
    HelpFormatter f = new HelpFormatter();
    f.printHelp(w, 100, "meshgen " + command + " (--env NAME ... | --all) [options]", summary + "\n\noptions:",
        options, 2, 2, "", false);
    w.flush();
    return true;
  }

  static Sources sources(CommandLine line) {
    Sources d = Sources.defaults();
    return new Sources(
        Path.of(line.getOptionValue("environments", d.environments().toString())),
        Path.of(line.getOptionValue("templates", d.templates().toString())),
        Path.of(line.getOptionValue("overlays", d.overlays().toString())));
  }

  /** Checks --env/--all before anything is read: exactly one of them, plain names only. */
  static void checkSelection(CommandLine line) throws UsageException {
    String[] named = line.getOptionValues("env");
    if (line.hasOption("all") == (named != null)) {
      throw new UsageException("choose environments with --env NAME (repeatable) or --all");
    }
    for (String name : named == null ? new String[0] : named) {
      if (!Environments.isValidName(name)) {
        throw new UsageException("--env '" + name + "': an environment name is a plain name "
            + "(lower-case letters, digits, '-'), not a path");
      }
    }
  }

  /** The environments chosen with --env or --all; names are plain names, never paths. */
  static List<String> environments(CommandLine line, Pipeline pipeline) throws UsageException, MeshgenException {
    checkSelection(line);
    String[] named = line.getOptionValues("env");
    if (line.hasOption("all")) {
      List<String> every = pipeline.allEnvironments();
      if (every.isEmpty()) {
        throw MeshgenException.of(line.getOptionValue("environments", "environments"), "no environments (*.yaml) found");
      }
      return every;
    }
    List<String> names = new ArrayList<>();
    for (String name : named) {
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static final java.util.regex.Pattern SET_SYNTAX =
      java.util.regex.Pattern.compile("([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+|\\[[0-9]{1,9}])*)=(.*)", java.util.regex.Pattern.DOTALL);

  /**
   * The {@code --set} overrides, each checked for its form here: a malformed one is a usage error
   * (exit 2), not a problem in the inputs. Only the path is quoted back, never the value.
   */
  static List<String> sets(CommandLine line) throws UsageException {
    return sets(line, "set");
  }

  /** The {@code --set-string} overrides, checked as {@code --set} ones. */
  static List<String> stringSets(CommandLine line) throws UsageException {
    return sets(line, "set-string");
  }

  /** The {@code -f/--values} files, in the order given. */
  static List<Path> valuesFiles(CommandLine line) {
    String[] files = line.getOptionValues("values");
    return files == null ? List.of() : java.util.Arrays.stream(files).map(Path::of).toList();
  }

  /** Everything a run layers over the environments' files. */
  static dev.meshgen.environment.Overrides overrides(CommandLine line) throws UsageException {
    return new dev.meshgen.environment.Overrides(valuesFiles(line), sets(line), stringSets(line));
  }

  private static List<String> sets(CommandLine line, String option) throws UsageException {
    String[] given = line.getOptionValues(option);
    if (given == null) {
      return List.of();
    }
    List<String> sets = new ArrayList<>();
    for (String raw : given) {
      sets.addAll(splitOnCommas(raw));
    }
    for (String set : sets) {
      int eqAt = set.indexOf('=');
      String pathPart = eqAt < 0 ? set : set.substring(0, eqAt);
      // Counted before any regex: a path 2,000 levels deep must not exhaust the matcher's stack.
      long depth = pathPart.chars().filter(c -> c == '.' || c == '[').count() + 1;
      if (depth > 32 || pathPart.length() > 512) {
        throw new UsageException("--" + option + " path '" + dev.meshgen.diagnostic.Diagnostic.oneLine(pathPart, 120) + "' has " + depth + " parts and "
            + pathPart.length() + " characters; a property path has at most 32 parts and 512 characters");
      }
      java.util.regex.Matcher m = SET_SYNTAX.matcher(set);
      if (!m.matches()) {
        int eq = set.indexOf('=');
        String path = eq < 0 ? set : set.substring(0, eq);
        throw new UsageException("--" + option + " takes path=value, with a path such as externalServices[0].tlsOrigination.mode"
            + " (names of letters, digits, '-' and '_', list indexes of at most 9 digits); got the path '"
            + dev.meshgen.diagnostic.Diagnostic.oneLine(path, 120) + "'" + (eq < 0 ? " and no '='" : ""));
      }
    }
    return List.copyOf(sets);
  }

  /**
   * {@code a=1,b=2} is two overrides, as in Helm; {@code \,} is a comma inside a value. A part
   * without '=' continues the value before it ({@code hosts=a,b} stays one override whose value
   * has a comma only when escaped, so this is a usage error the check above reports).
   */
  static List<String> splitOnCommas(String raw) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ',') {
        current.append(',');
        i++;
      } else if (c == ',') {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

}
