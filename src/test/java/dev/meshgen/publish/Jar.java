package dev.meshgen.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a process for the publish fault tests, with its temp folder (where
 * publish keeps its work repository) set to one the test can inspect. Runs are short and bound by
 * start-up, and these tests start about a hundred of them: they use the client compiler only and
 * a class-data archive made once per test JVM by one publish.
 */
final class Jar {
  private static List<String> sharing;

  private final Path cwd;
  private final Path temp;

  /** Exit code and output of one run. */
  record Run(int exit, String out, String err) {}

  Jar(Path cwd, Path temp) {
    this.cwd = cwd;
    this.temp = temp;
  }

  Process start(List<String> jvm, String... args) throws IOException {
    String jar = System.getProperty("meshgen.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new AssertionError("system property meshgen.jar must point at the packaged jar (run mvn verify)");
    }
    List<String> command = new ArrayList<>(java());
    command.addAll(sharing());
    command.add("-Djava.io.tmpdir=" + temp);
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar));
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("BUILD_URL"));
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static List<String> java() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC");
  }

  /** Class-data sharing from an archive of the classes one publish loads; none if it cannot be made. */
  private static synchronized List<String> sharing() {
    if (sharing != null) {
      return sharing;
    }
    sharing = List.of();
    try {
      Path warm = Files.createTempDirectory("meshgen-cds-");
      Path archive = warm.resolve("meshgen.jsa");
      Path project = Inputs.copyInto(warm.resolve("project")).root();
      List<String> command = new ArrayList<>(java());
      command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Djava.io.tmpdir=" + warm, "-jar",
          System.getProperty("meshgen.jar"), "publish", "--env", "example", "--repo", "build/gitops.git"));
      Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(archive)) {
        sharing = List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
      }
      archive.toFile().deleteOnExit();
    } catch (IOException | RuntimeException e) {
      // no archive: runs are slower, not different
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sharing;
  }

  Run run(String... args) throws Exception {
    return finish(start(List.of(), args));
  }

  static Run finish(Process p) throws Exception {
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("meshgen did not finish");
    }
    return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
  }

  /** Reads stderr until the process says it paused at a fault point; fails if it ends first. */
  static void awaitPause(Process p, String point) throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = err.readLine()) != null) {
      if (line.equals("meshgen-fault: paused at " + point)) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the run ended before " + point + " (exit " + p.waitFor() + "):\n" + seen);
  }

  /** Work folders of publish in the temp folder. */
  List<String> workFolders() throws IOException {
    if (!Files.isDirectory(temp)) {
      return List.of();
    }
    try (var s = Files.list(temp)) {
      return s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(WorkFolder.PREFIX)).sorted().toList();
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
