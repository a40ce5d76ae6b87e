package dev.meshgen;

import dev.meshgen.environment.Environments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped environments that approval tests lock, and the approved files a renamed or removed
 * environment leaves behind, which approving deletes (issue 9).
 */
public final class ShippedApprovals {
  private static final String SUFFIX = ".approved.txt";

  private ShippedApprovals() {}

  /** Every environment in the shipped environments/, whatever it holds. */
  public static List<String> environments() throws Exception {
    return Environments.list(TestProject.shipped().environments());
  }

  /**
   * The files {@code <prefix>.<environment>.approved.txt} in {@code approvedFolder} whose
   * environment is no longer shipped. When approving they are deleted and the list is empty, so
   * the approve command leaves no stale lock behind.
   */
  public static List<String> orphans(Path approvedFolder, String prefix) throws Exception {
    List<String> shipped = environments();
    List<String> orphans = new ArrayList<>();
    try (Stream<Path> files = Files.list(approvedFolder)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(prefix + ".") && name.endsWith(SUFFIX)) {
          String environment = name.substring(prefix.length() + 1, name.length() - SUFFIX.length());
          if (!shipped.contains(environment)) {
            orphans.add(name);
          }
        }
      }
    }
    if (TestProject.approving()) {
      for (String name : orphans) {
        try {
          Files.delete(approvedFolder.resolve(name));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return List.of();
    }
    return orphans;
  }

  /** The message of a failed orphan check: what to run. */
  public static String orphanMessage(Path approvedFolder) {
    return "approved files in " + approvedFolder + " name environments that environments/ no longer holds; "
        + "remove them with: MESHGEN_APPROVE=1 mvn -B test";
  }
}
