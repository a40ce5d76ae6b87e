package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused secret is never echoed (issue 11): not in the message, not in the {@code --set}
 * location, not in the source line under it, not in a parse error of a file that is not YAML.
 * Exit 1, the output untouched. Every credential here is fake.
 */
class SecretsEchoTest {
  private static final String ADVICE = "; secrets never enter the GitOps repository: keep them in a Kubernetes Secret "
      + "(or the CI's credential store) and reference it by name";
  private static final String PASSWORD = "Sup3r-S3cret-Pw";
  private static final String AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
  private static final String GITHUB_TOKEN = "ghp_" + "q8XwL2rT5nV0b7Kc4Mf1Hg9Jd3Ps6YaZeRuI";
  private static final String GITLAB_TOKEN = "glpat-" + "q8XwL2rT5nV0b7Kc4Mf1";

  @TempDir Path dir;
  private Sources sources;
  private Path out;
  private Map<String, String> before;
  private String example;

  @BeforeEach
  void renderGoodOutput() throws Exception {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
    TestProject.Result ok = TestProject.render(sources, out, "--env", "example");
    assertEquals(0, ok.exit(), ok.err());
    before = TestProject.snapshot(out);
    example = Files.readString(sources.environments().resolve("example.yaml"));
  }

  @Test
  void set_passwordInRepoUrl_isNamedButNeverPrinted() {
    TestProject.Result r = refused(PASSWORD, "--env", "example",
        "--set", "gitops.repoUrl=https://deploy:" + PASSWORD + "@git.example.com/platform/mesh.git");
    assertEquals("--set gitops.repoUrl=http***: error: gitops.repoUrl: the value looks like credentials in a URL ('http***')"
        + ADVICE, r.firstError());
  }

  @Test
  void set_passwordWithAtInRepoUrl_isNeverPrintedInPart() {
    refused("ss@", "--env", "example", "--set", "gitops.repoUrl=https://deploy:p@ss@git.example.com/platform/mesh.git");
  }

  @Test
  void set_emptyUserWithPassword_isRefusedAndNeverPrinted() {
    TestProject.Result r = refused(PASSWORD, "--env", "example",
        "--set", "gitops.repoUrl=https://:" + PASSWORD + "@git.example.com/platform/mesh.git");
    assertEquals("--set gitops.repoUrl=http***: error: gitops.repoUrl: the value looks like credentials in a URL ('http***')"
        + ADVICE, r.firstError());
  }

  @Test
  void set_tokenAsUserInRepoUrl_isRefusedAndNeverPrinted() {
    TestProject.Result r = refused(GITLAB_TOKEN.substring(6), "--env", "example",
        "--set", "gitops.repoUrl=https://" + GITLAB_TOKEN + "@gitlab.example.com/platform/mesh.git");
    assertEquals("--set gitops.repoUrl=http***: error: gitops.repoUrl: the value looks like a GitLab token ('http***')"
        + ADVICE, r.firstError());
  }

  @Test
  void set_secretWherePathIsWrong_isNotPrintedInTheLocation() {
    TestProject.Result r = refused(GITHUB_TOKEN.substring(4), "--env", "example",
        "--set", "clusters.local.name.x=" + GITHUB_TOKEN);
    assertEquals("--set clusters.local.name.x=ghp_***: error: clusters.local.name: is not a mapping, cannot set 'x' in it",
        r.firstError());
  }

  @Test
  void set_randomValueUnderCredentialKey_isRefusedAndNeverPrinted() {
    TestProject.Result r = refused("Xk9mPq2zLw7R", "--env", "example",
        "--set", "gateways.egress.labels.password=Xk9mPq2zLw7R");
    assertEquals("--set gateways.egress.labels.password=Xk9m***: error: gateways.egress.labels.password: the value looks "
        + "like a random value under a credential key ('Xk9m***')" + ADVICE, r.firstError());
  }

  @Test
  void file_awsKeyIdAsValue_isNamedWithFileLineAndKeyOnly() throws Exception {
    Path file = write("leaky.yaml", example.replace("    name: cluster1", "    name: " + AWS_KEY_ID));
    TestProject.Result r = refused(AWS_KEY_ID.substring(4), "--env", "leaky");
    assertEquals(file + ":10:11: error: clusters.local.name: the value looks like an AWS access key id ('AKIA***')" + ADVICE,
        r.firstError());
    assertEquals("      name: AKIA***", r.err().lines().toList().get(1), "the source line, masked");
  }

  @Test
  void file_awsKeyIdAsLabelKey_isRefusedAtTheKey() throws Exception {
    Path file = write("leaky.yaml", example.replace("gateways:\n  eastWest:\n",
        "gateways:\n  egress:\n    labels:\n      " + AWS_KEY_ID + ": x\n  eastWest:\n"));
    TestProject.Result r = refused(AWS_KEY_ID.substring(4), "--env", "leaky");
    assertEquals(file + ":20:7: error: gateways.egress.labels.AKIA***: the key looks like an AWS access key id ('AKIA***')"
        + ADVICE, r.firstError());
  }

  @Test
  void file_githubTokenAsLabelKey_isRefusedAtTheKey() throws Exception {
    Path file = write("leaky.yaml", example.replace("gateways:\n  eastWest:\n",
        "gateways:\n  egress:\n    labels:\n      " + GITHUB_TOKEN + ": x\n  eastWest:\n"));
    TestProject.Result r = refused(GITHUB_TOKEN.substring(4), "--env", "leaky");
    assertEquals(file + ":20:7: error: gateways.egress.labels.ghp_***: the key looks like a GitHub token ('ghp_***')"
        + ADVICE, r.firstError());
  }

  @Test
  void file_processEnvironmentWithNulBytes_isNotPrinted() throws Exception {
    Path file = sources.environments().resolve("environ.yaml");
    Files.write(file, ("SECRET_TOKEN=" + GITHUB_TOKEN + "\0OTHER=visible-value\0PATH=/usr/bin\0")
        .getBytes(StandardCharsets.UTF_8));
    TestProject.Result r = refused(GITHUB_TOKEN.substring(4), "--env", "environ");
    for (String leaked : List.of("SECRET_TOKEN", "OTHER", "visible-value", "/usr/bin", "\0")) {
      assertFalse(r.err().contains(leaked) || r.out().contains(leaked), leaked + " in:\n" + r.err());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void file_linkToProcSelfEnviron_isNotPrinted() throws Exception {
    Files.createSymbolicLink(sources.environments().resolve("environ.yaml"), Path.of("/proc/self/environ"));
    List<String> values = new ArrayList<>();
    System.getenv().forEach((k, v) -> {
      if (v.length() >= 8) {
        values.add(k + "=" + v);
      }
    });
    TestProject.Result r = refused("\0", "--env", "environ");
    for (String pair : values) {
      assertFalse(r.err().contains(pair), "environment variable printed:\n" + r.err());
    }
  }

  private Path write(String name, String text) {
    Path file = sources.environments().resolve(name);
    TestProject.write(file, text);
    return file;
  }

  /** Runs render with {@code args}: it must fail with exit 1, write nothing and never print {@code secret}. */
  private TestProject.Result refused(String secret, String... args) {
    TestProject.Result r = TestProject.render(sources, out, args);
    assertEquals(1, r.exit(), r.err());
    assertFalse(r.err().contains(secret), "secret printed on stderr:\n" + r.err());
    assertFalse(r.out().contains(secret), "secret printed on stdout:\n" + r.out());
    assertEquals(before, TestProject.snapshot(out), "output changed after a refused secret");
    return r;
  }
}
