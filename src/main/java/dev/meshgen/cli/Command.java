package dev.meshgen.cli;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.PrintStream;

/** One meshgen command. */
interface Command {
  String name();

  String summary();

  int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException;
}
