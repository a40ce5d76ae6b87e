package dev.meshgen.publish;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * C git's own server on 127.0.0.1 ({@code git daemon} with receive-pack enabled) serving every
 * repository under a folder, for tests against the real git server rather than JGit's. Skipped
 * where git is missing, except under CI ({@code CI} set), where that fails the test instead.
 */
final class GitDaemon implements AutoCloseable {
  private final Process process;
  private final int port;

  private GitDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a daemon serving {@code base}; waits until it accepts connections. */
  static GitDaemon serve(Path base) throws Exception {
    requireGit();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process p = new ProcessBuilder(List.of("git", "daemon", "--enable=receive-pack", "--export-all", "--reuseaddr",
        "--informative-errors", "--base-path=" + base, "--port=" + port, "--listen=127.0.0.1", base.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    GitDaemon daemon = new GitDaemon(p, port);
    try {
      daemon.awaitListening();
      return daemon;
    } catch (Exception | AssertionError e) {
      daemon.close();
      throw e;
    }
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("git daemon exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("git daemon did not listen on port " + port);
  }

  /** {@code git://127.0.0.1:<port>/<name>} for the repository {@code name} under the served folder. */
  String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name;
  }

  static void requireGit() {
    boolean present = GitCli.tryRunOrNull(Path.of("."), "--version") != null;
    if (!present && System.getenv("CI") != null) {
      throw new AssertionError("git is required for this test and missing under CI");
    }
    assumeTrue(present, "git is not installed");
  }

  /** Stops the daemon and the children it forked for connections. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
