package dev.meshgen.publish;

/**
 * Keeps JGit's in-process server threads quiet. For a repository on a local path JGit runs the
 * server side (upload-pack, receive-pack) in a thread of this process; when it fails, for instance
 * a read-only or full repository that cannot store the pack, that thread dies with an uncaught
 * exception whose stack trace the JVM prints to stderr, while the client side of the same
 * connection reports the failure, which becomes meshgen's one-line error (issue 11).
 */
final class InProcessTransport {
  private static final java.util.Set<String> SERVER_THREADS = java.util.Set.of("JGit-Receive-Pack", "JGit-Upload-Pack");
  private static boolean installed;

  private InProcessTransport() {}

  /** Drops uncaught exceptions of JGit's in-process server threads; every other thread's go where they went before. */
  static synchronized void quiet() {
    if (installed) {
      return;
    }
    installed = true;
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (SERVER_THREADS.contains(thread.getName())) {
        return;
      }
      if (before != null) {
        before.uncaughtException(thread, e);
      } else {
        // what ThreadGroup.uncaughtException prints when no default handler is set
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        e.printStackTrace(System.err);
      }
    });
  }
}
