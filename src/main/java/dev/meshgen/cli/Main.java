package dev.meshgen.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code meshgen} command: {@code System.exit(run(args, out, err))}, so tests call {@link #run}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs one command; returns 0 on success, 1 for a failure the user can fix, 2 when {@code diff
   * --exit-code} finds changes, 64 for a usage error.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Cli(out, err).run(args);
  }
}
