package dev.meshgen.publish;

/**
 * Pause points for the publish kill tests (issue 11): with the system property
 * {@code meshgen.fault} set to {@code pause:<point>} the process says so on stderr and waits to
 * be killed there. Points: {@code fetch} (before the branch is fetched), {@code commit} (after the
 * commit is built), {@code push} (before the push), {@code sending} (the push has sent its ref
 * update and is writing the pack), {@code pushed} (after the push landed, before the work
 * repository is deleted). Unset, as in every real run, nothing happens.
 */
final class Faults {
  private Faults() {}

  static void at(String point) {
    if (!System.getProperty("meshgen.fault", "").equals("pause:" + point)) {
      return;
    }
    System.err.println("meshgen-fault: paused at " + point);
    System.err.flush();
    try {
      Thread.sleep(600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
