package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Dispatches to a command and turns every outcome into an exit code, catching once, at the top. */
final class Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

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
  }

  private void register(Command command) {
    commands.put(command.name(), command);
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      usage(out);
      return args.length == 0 ? USAGE : OK;
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println("meshgen " + version());
      return OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("meshgen: unknown command '" + args[0] + "'");
      usage(err);
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
      err.println("meshgen " + command.name() + ": " + Diagnostics.summary(e.diagnostics()) + "; nothing was written.");
      if (stacktrace) {
        e.printStackTrace(err);
      }
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
