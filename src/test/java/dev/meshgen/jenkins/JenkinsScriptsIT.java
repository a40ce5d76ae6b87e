package dev.meshgen.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jenkins stage scripts, run as Jenkins runs them, against a local bare GitOps repository, in
 * a throwaway checkout holding the fixture environments, so they pass whatever environments/ ships.
 */
class JenkinsScriptsIT {
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  private Path checkout;

  record Run(int exit, String out) {}

  /** The scripts, ./meshgen, the packaged jar and the fixture inputs, laid out as a checkout. */
  @BeforeEach
  void checkOut() throws Exception {
    Path root = TestProject.root();
    checkout = dir.resolve("checkout");
    TestProject.copySources(checkout);
    TestProject.copyTree(root.resolve("jenkins"), checkout.resolve("jenkins"));
    // ./meshgen must stay executable: the scripts run it directly.
    Files.copy(root.resolve("meshgen"), checkout.resolve("meshgen"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(checkout.resolve("target"));
    Files.createSymbolicLink(checkout.resolve("target/meshgen.jar"),
        Path.of(System.getProperty("meshgen.jar", root.resolve("target/meshgen.jar").toString())).toAbsolutePath());
  }

  private Run script(String name, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("jenkins/" + name).toString())
        .directory(checkout.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + " timed out");
    return new Run(p.exitValue(), out);
  }

  @Test
  void publishThenReview_againstABareRepository() throws Exception {
    Path gitops = dir.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(gitops.toFile()).call().close();
    Map<String, String> env = Map.of("GITOPS_REPO", gitops.toString(), "GIT_COMMIT", SHA,
        "BUILD_URL", "https://jenkins.example.com/job/mesh/42/");

    Run first = script("publish.sh", env);
    assertEquals(0, first.exit(), first.out());
    Run again = script("publish.sh", env);
    assertEquals(0, again.exit(), again.out());
    assertTrue(again.out().contains("no change:"), again.out());

    try (Git git = Git.open(gitops.toFile())) {
      List<RevCommit> log = toList(git.log().call());
      assertEquals(1, log.size(), "re-publishing made a commit");
      String message = log.get(0).getFullMessage();
      assertTrue(message.contains("Argocd-reference-commit-sha: " + SHA + "\n"), message);
      assertTrue(message.contains("Meshgen-build-url: https://jenkins.example.com/job/mesh/42/\n"), message);
    }

    Run review = script("pull-request.sh", env);
    assertEquals(0, review.exit(), review.out());
    Path reports = checkout.resolve("build/reports");
    assertTrue(Files.readString(reports.resolve("meshgen-diff.md")).contains("No rendered resource changes."));
    assertTrue(Files.readString(reports.resolve("validate.json")).contains("\"errors\" : 0"));
    assertTrue(review.out().contains("example: 0 resources added, 0 changed, 0 removed"), review.out());
  }

  @Test
  void publish_withoutRepository_saysWhatToSet() throws Exception {
    Run r = script("publish.sh", Map.of());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("GITOPS_REPO: set GITOPS_REPO to the GitOps repository URL or path"), r.out());
  }

  private static java.util.List<RevCommit> toList(Iterable<RevCommit> commits) {
    java.util.List<RevCommit> out = new java.util.ArrayList<>();
    commits.forEach(out::add);
    return out;
  }
}
