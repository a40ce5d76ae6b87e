package dev.meshgen.write;

import java.io.IOException;

/**
 * Fault points for the crash and failure tests (issue 11): with the system property
 * {@code meshgen.fault} set to {@code fail:<point>:<env>} a write fails there, with
 * {@code pause:<point>:<env>} the process says so on stderr and waits to be killed. Points:
 * {@code stage} (half of the environment's files written), {@code flip} (before its link is
 * switched), {@code cleanup} (after all links are switched, before the old generation goes).
 * Unset, as in every real run, nothing happens.
 */
final class Faults {
  private Faults() {}

  static void at(String point, String environment) throws IOException {
    String spec = System.getProperty("meshgen.fault", "");
    if (spec.isEmpty()) {
      return;
    }
    String here = point + ":" + environment;
    if (spec.equals("fail:" + here)) {
      throw new IOException("injected fault at " + here);
    }
    if (spec.equals("pause:" + here)) {
      System.err.println("meshgen-fault: paused at " + here);
      System.err.flush();
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
