package dev.meshgen.cli;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.diagnostic.Suggestions;
import java.util.List;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dispatches to a command and turns every outcome into an exit code, catching once, at the top.
 *
 * <p>Exit codes, the same for every command (the README has the table): {@link #OK} 0 success;
 * {@link #FAILED} 1 a problem in the inputs, a finding or a failed publish (fix and rerun);
 * {@link #CHANGES} 2 only from {@code diff --exit-code}: the repository would change, as Terraform's
 * and helm-diff's detailed exit codes; {@link #USAGE} 64 a usage error (BSD's {@code EX_USAGE}), so
 * no code means two things.
 */
final class Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int CHANGES = 2;
  static final int USAGE = 64;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, Command> commands = new TreeMap<>();

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    register(new RenderCommand());
    register(new ValidateCommand());
    register(new PublishCommand(System.getenv()));
    register(new DiffCommand(System.getenv()));
    register(new ValuesCommand());
  }

  private void register(Command command) {
    commands.put(command.name(), command);
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : OK;
    }
    if (args[0].equals("help")) {
      if (args.length == 1) {
        usage(out);
        return OK;
      }
      // 'meshgen help render' is 'meshgen render --help', as git and helm have it.
      return run(new String[] {args[1], "--help"});
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println("meshgen " + version());
      return OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("meshgen: unknown command '" + Diagnostic.oneLine(args[0], 60) + "'"
          + Suggestions.didYouMean(args[0], List.copyOf(commands.keySet()), "commands"));
      err.println("Run 'meshgen --help' for the commands.");
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean stacktrace = Arrays.asList(rest).contains("--stacktrace");
    try {
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println("meshgen " + command.name() + ": " + e.getMessage());
      err.println("Run 'meshgen " + command.name() + " --help' for the options.");
      return USAGE;
    } catch (MeshgenException e) {
      Diagnostics.print(e.diagnostics(), err);
      err.println("meshgen " + command.name() + ": " + Diagnostics.summary(e.diagnostics()) + command.onFailure());
      if (stacktrace) {
        e.printStackTrace(err);
      }
      return FAILED;
    } catch (OutOfMemoryError e) {
      // Not a bug to report but a heap too small for this run: say how to give it more (issue 14).
      err.println("meshgen " + command.name() + ": out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB). Give it more, e.g. MESHGEN_JAVA_OPTS=\"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
          + "-Xmx2g\" ./meshgen ..., or java -Xmx2g -jar meshgen.jar ...");
      return FAILED;
    } catch (RuntimeException e) {
      err.println("meshgen " + command.name() + ": internal error: " + e);
      if (stacktrace) {
        e.printStackTrace(err);
      } else {
        err.println("Run again with --stacktrace and report it, with the stack trace.");
      }
      return FAILED;
    }
  }

  private void usage(PrintStream to) {
    to.println("usage: meshgen <command> [options]");
    to.println();
    to.println("Renders a Gloo Mesh 2.2 / Istio 1.16 egress path from property files into a");
    to.println("Kustomize base plus mgmt, local and remote overlays per environment.");
    to.println();
    to.println("commands:");
    commands.values().forEach(c -> to.printf("  %-10s %s%n", c.name(), c.summary()));
    to.println();
    to.println("  --help     show this help; 'meshgen <command> --help' shows a command's options");
    to.println("  --version  print the version");
  }

  static String version() {
    String v = Cli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
