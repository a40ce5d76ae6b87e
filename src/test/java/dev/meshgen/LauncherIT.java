package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ./meshgen launcher run as a process: a damaged class-data archive never breaks a run (issue 14). */
class LauncherIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  /** A checkout holding the launcher, the packaged jar under target/ and the fixture sources. */
  private Path checkout() throws IOException {
    Path checkout = dir.resolve("checkout");
    Files.createDirectories(checkout.resolve("target"));
    Files.copy(TestProject.root().resolve("meshgen"), checkout.resolve("meshgen"));
    Files.copy(Path.of(System.getProperty("meshgen.jar", "target/meshgen.jar")), checkout.resolve("target/meshgen.jar"));
    TestProject.copySources(checkout);
    return checkout;
  }

  private static Run launcher(Path checkout, String... args) throws IOException, InterruptedException {
    List<String> cmd = Stream.concat(Stream.of("bash", checkout.resolve("meshgen").toString()), Arrays.stream(args)).toList();
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(checkout.toFile());
    // The launcher runs the `java` on PATH: make it this test's JVM.
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    builder.environment().remove("MESHGEN_JAVA_OPTS");
    Process p = builder.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  /** The files under target/ besides the jar: the archive and anything the launcher left. */
  private static List<Path> leftByLauncher(Path checkout) throws IOException {
    try (Stream<Path> files = Files.list(checkout.resolve("target"))) {
      return files.filter(f -> !f.getFileName().toString().equals("meshgen.jar")).sorted().toList();
    }
  }

  private static Path onlyArchive(Path checkout) throws IOException {
    List<Path> left = leftByLauncher(checkout);
    assertEquals(1, left.size(), left.toString());
    assertTrue(left.get(0).getFileName().toString().matches("meshgen-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}\\.jsa"), left.toString());
    return left.get(0);
  }

  /** Damages the archive as a full disk, a crash or a stray write would: the JVM alone dies on these (SIGBUS, SIGSEGV). */
  private static byte[] damage(Path archive, String how) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    byte[] damaged = switch (how) {
      case "truncated" -> Arrays.copyOf(bytes, bytes.length / 2);
      case "overwritten" -> {
        byte[] noise = new byte[4096];
        new Random(14).nextBytes(noise);
        byte[] copy = bytes.clone();
        System.arraycopy(noise, 0, copy, 100_000, noise.length);
        yield copy;
      }
      default -> throw new IllegalArgumentException(how);
    };
    archive.toFile().setWritable(true);
    Files.write(archive, damaged);
    return damaged;
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated", "overwritten"})
  void launcher_damagedArchive_runsAsWithoutItAndRecordsAnother(String how) throws Exception {
    Path checkout = checkout();
    Run recording = launcher(checkout, "render", "--env", "example", "--out", "-");
    assertEquals(0, recording.exit(), recording.err());
    byte[] damaged = damage(onlyArchive(checkout), how);

    Run run = launcher(checkout, "render", "--env", "example", "--out", "-");

    assertEquals(0, run.exit(), run.err());
    assertEquals(recording.out(), run.out());
    assertEquals(recording.err(), run.err());
    assertFalse(Arrays.equals(damaged, Files.readAllBytes(onlyArchive(checkout))), "the damaged archive was kept");
  }
}
