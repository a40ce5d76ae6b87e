package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.publish.GitCli;
import dev.meshgen.pipeline.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * meshgen diff against a real repository that meshgen published to: the markdown and text
 * reports are locked by ApprovalTests for a TLS mode change, an added external service, a removed
 * resource, and no change. Re-approve with {@code MESHGEN_APPROVE=1 mvn -B test -Dtest=DiffCommandTest}.
 */
class DiffCommandTest {
  @TempDir Path dir;
  private Sources sources;
  private Path repo;

  @BeforeEach
  void publishTheFixtureEnvironments() throws Exception {
    sources = TestProject.copySources(dir.resolve("src"));
    repo = dir.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(repo.toFile()).call().close();
    TestProject.Result r = run("publish", "--all", "--repo", repo.toString(),
        "--source-sha", "0123456789012345678901234567890123456789");
    assertEquals(0, r.exit(), r.err());
  }

  private TestProject.Result run(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of(more));
    return TestProject.run(args.toArray(String[]::new));
  }

  private TestProject.Result diff(String format, String... more) {
    List<String> args = new ArrayList<>(List.of("--all", "--repo", repo.toString(), "--format", format));
    args.addAll(List.of(more));
    return run("diff", args.toArray(String[]::new));
  }

  private void edit(String env, String from, String to) throws Exception {
    Path file = sources.environments().resolve(env + ".yaml");
    String text = Files.readString(file);
    assertTrue(text.contains(from), from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void verify(TestProject.Result markdown, TestProject.Result text, String scenario) {
    assertEquals(0, markdown.exit(), markdown.err());
    assertEquals(0, text.exit(), text.err());
    Approvals.verify("# --format markdown\n" + markdown.out() + "\n# --format text\n" + text.out(),
        new Options().forFile().withAdditionalInformation(scenario));
  }

  @Test
  void diff_tlsOriginationTurnedOff_showsTheChangeAndTheRisk() throws Exception {
    edit("example", "      mode: SIMPLE", "      mode: DISABLE");
    verify(diff("markdown"), diff("text"), "tls-mode-change");
  }

  @Test
  void diff_addedExternalService_isAllAdded() throws Exception {
    edit("multi-region", "      - name: http-ledger\n", "      - name: http-audit\n        number: 8083\n        targetPort: 18083\n"
        + "        protocol: HTTP\n      - name: http-ledger\n");
    Path file = sources.environments().resolve("multi-region.yaml");
    Files.writeString(file, Files.readString(file) + "  - name: audit\n    host: audit.partner.example.org\n"
        + "    workspace: payments\n    gatewayPort: http-audit\n    ports: [{name: https, number: 443, protocol: HTTPS}]\n"
        + "    tlsOrigination: {port: 443, mode: SIMPLE}\n");
    verify(diff("markdown"), diff("text"), "added-external-service");
  }

  @Test
  void diff_removedExternalService_listsRemovedResourcesAsRisks() throws Exception {
    Path file = sources.environments().resolve("multi-region.yaml");
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.indexOf("  - name: ledger\n")));
    verify(diff("markdown"), diff("text"), "removed-resource");
  }

  @Test
  void diff_noChange_saysSoAndExitCodeIsZero() {
    TestProject.Result r = diff("text", "--exit-code");
    assertEquals(0, r.exit(), r.err());
    verify(diff("markdown"), r, "no-change");
  }

  @Test
  void diff_exitCode_isTwoWhenThereAreChanges() throws Exception {
    edit("example", "      mode: SIMPLE", "      mode: DISABLE");
    assertEquals(2, diff("text", "--exit-code").exit());
    assertEquals(0, diff("text").exit());
  }

  // Issue 12: with --exit-code, no change, changes and an error are three codes CI can act on.
  @Test
  void diff_exitCode_isOneForAnErrorNotTwo() throws Exception {
    edit("example", "      mode: SIMPLE", "      mode: SIMPEL");
    TestProject.Result r = diff("text", "--exit-code");
    assertEquals(1, r.exit(), r.err());
    // diff never writes, so it does not claim "nothing was written" either.
    assertTrue(r.err().lines().reduce((a, b) -> b).orElseThrow().matches("meshgen diff: \\d+ errors?(, .*)?\\."), r.err());
  }

  @Test
  void diff_exitCode_usageErrorIs64() {
    assertEquals(64, diff("yaml", "--exit-code").exit());
  }

  @Test
  void diff_newEnvironment_isAllAddedNotAnError() throws Exception {
    // On clusters of its own: two environments may not own the same objects on one cluster.
    Files.writeString(sources.environments().resolve("staging.yaml"), Files.readString(sources.environments()
        .resolve("example.yaml")).replace("name: cluster1\n", "name: staging-1\n").replace("name: cluster2\n", "name: staging-2\n")
        .replace("name: mgmt\n", "name: staging-mgmt\n"));
    TestProject.Result r = run("diff", "--env", "staging", "--repo", repo.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("staging (new): 41 resources added, 0 changed, 0 removed\n"), r.out());
  }

  @Test
  void diff_emptyRepository_isAllAdded() throws Exception {
    Path empty = dir.resolve("empty.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(empty.toFile()).call().close();
    TestProject.Result r = run("diff", "--env", "example", "--repo", empty.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("example (new): 41 resources added"), r.out());
  }

  @Test
  void diff_branchNotPublishedYet_isAllAddedAsPublishWouldStartIt() {
    // --branch re-renders the entry points for that branch, and publish would start it: all new.
    TestProject.Result r = run("diff", "--env", "example", "--repo", repo.toString(), "--branch", "release");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("example (new): 41 resources added, 0 changed, 0 removed\n"), r.out());
  }

  @Test
  void diff_readsEachEnvironmentWhereItsGitopsBlockPutsIt() throws Exception {
    // multi-region lives on release/mesh under clusters/mesh: publish put it there, so no change.
    TestProject.Result r = run("diff", "--env", "multi-region", "--repo", repo.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("multi-region: 0 resources added, 0 changed, 0 removed\n"), r.out());
    assertTrue(GitCli.files(repo, "release/mesh").contains("clusters/mesh/multi-region/.meshgen"));
    assertTrue(GitCli.files(repo, "main").contains("example/.meshgen"));
    assertTrue(GitCli.files(repo, "main").stream().noneMatch(f -> f.contains("multi-region")));
  }

  @Test
  void diff_unreachableRepository_isAClearError() {
    TestProject.Result r = run("diff", "--env", "example", "--repo", "http://127.0.0.1:9/gitops.git");
    assertEquals(1, r.exit());
    assertTrue(r.firstError().startsWith("http://127.0.0.1:9/gitops.git: error: "), r.err());
    assertTrue(!r.err().contains("\tat "), r.err());
  }

  // Issue 12: diff for CI tools, and the same unit (resources) as publish's summary.
  @Test
  void diff_jsonFormat_listsEachChangeWithItsRolesAndTheRisks() throws Exception {
    edit("example", "      mode: SIMPLE", "      mode: DISABLE");
    TestProject.Result r = diff("json");
    assertEquals(0, r.exit(), r.err());
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertTrue(json.path("changed").asBoolean());
    com.fasterxml.jackson.databind.JsonNode example = null;
    for (com.fasterxml.jackson.databind.JsonNode e : json.path("environments")) {
      if (e.path("environment").asText().equals("example")) {
        example = e;
      }
    }
    com.fasterxml.jackson.databind.JsonNode change = example.path("changes").get(0);
    assertEquals("changed", change.path("change").asText());
    assertEquals("DestinationRule", change.path("kind").asText());
    assertEquals("[\"local\"]", change.path("clusterRoles").toString());
    assertTrue(example.path("risks").get(0).asText().startsWith("TLS origination turned off: DestinationRule istio-egress/httpbin.org"), example.toString());
  }
}
