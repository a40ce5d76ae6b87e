package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.PrintStream;

/** One meshgen command. */
interface Command {
  String name();

  String summary();

  int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException;

  /**
   * What the end of a failure's summary says: true of this command. Commands that write say
   * nothing was written; validate and diff write nothing anyway.
   */
  default String onFailure() {
    return "; nothing was written.";
  }
}
