package dev.meshgen.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.secret.SecretText;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secrets check (issue 11): every token format of gitleaks' and detect-secrets' default rules
 * that can reach a property, in keys and values, found and shown only masked; and nothing that
 * meshgen legitimately renders is taken for a secret. Every value here is fake.
 */
class SecretsTest {
  private static final String ADVICE = "; secrets never enter the GitOps repository: keep them in a Kubernetes Secret "
      + "(or the CI's credential store) and reference it by name";
  private static final String ALNUM = "q8XwL2rT5nV0b7Kc4Mf1Hg9Jd3Ps6YaZeRuIoBkNlCxSyEjGtHvWmQpAzD";
  private static final String HEX = "3f9a0c7e51d24b86";

  /** {@code n} characters of a fixed, random-looking alphabet (letters of both cases and digits). */
  private static String alnum(int n) {
    return ALNUM.repeat(n / ALNUM.length() + 1).substring(0, n);
  }

  private static String hex(int n) {
    return HEX.repeat(n / HEX.length() + 1).substring(0, n);
  }

  private static String base64(String prefix, String text) {
    return Base64.getEncoder().encodeToString((prefix + text).getBytes(StandardCharsets.UTF_8));
  }

  private static final String PEM_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t\n"
      + "-----END RSA PRIVATE KEY-----\n";
  private static final String OPENSSH_BODY = "openssh-key-v1\0\0\0\0\4none\0\0\0\4none";
  private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
      + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  /** Format, value, the key it sits under, the kind the finding names, the value as shown. */
  static Stream<Arguments> secretValues() {
    return Stream.of(
        // gitleaks private-key, detect-secrets PrivateKeyDetector
        Arguments.of("PEM RSA private key", "team", PEM_KEY, "a private key", "----***"),
        Arguments.of("PEM EC private key", "team", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg", "a private key", "----***"),
        Arguments.of("PEM PKCS#8 private key", "team", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg", "a private key", "----***"),
        Arguments.of("PEM encrypted private key", "team", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJ", "a private key",
            "----***"),
        Arguments.of("PEM OpenSSH private key", "team", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA",
            "a private key", "----***"),
        Arguments.of("PGP private key block", "team", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF", "a private key",
            "----***"),
        Arguments.of("PuTTY private key", "team", "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none", "a private key",
            "PuTT***"),
        Arguments.of("PEM certificate", "team", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE",
            "a PEM block (key or certificate)", "----***"),
        Arguments.of("OpenSSH key body", "team", "openssh-key-v1 none none " + alnum(20), "an OpenSSH private key", "open***"),
        // base64 of "-----BEGIN" at each of the 3 byte alignments (a kubeconfig's client-key-data, a Secret's data)
        Arguments.of("base64 PEM at offset 0", "team", base64("", PEM_KEY), "a PEM block in base64 (key or certificate)",
            base64("", PEM_KEY).substring(0, 4) + "***"),
        Arguments.of("base64 PEM at offset 1", "team", base64("x", PEM_KEY), "a PEM block in base64 (key or certificate)",
            base64("x", PEM_KEY).substring(0, 4) + "***"),
        Arguments.of("base64 PEM at offset 2", "team", base64("xy", PEM_KEY), "a PEM block in base64 (key or certificate)",
            base64("xy", PEM_KEY).substring(0, 4) + "***"),
        Arguments.of("base64 PEM after 4 bytes", "team", base64("data", PEM_KEY), "a PEM block in base64 (key or certificate)",
            base64("data", PEM_KEY).substring(0, 4) + "***"),
        Arguments.of("base64 OpenSSH key at offset 0", "team", base64("", OPENSSH_BODY), "an OpenSSH private key in base64",
            base64("", OPENSSH_BODY).substring(0, 4) + "***"),
        Arguments.of("base64 OpenSSH key at offset 1", "team", base64("x", OPENSSH_BODY), "an OpenSSH private key in base64",
            base64("x", OPENSSH_BODY).substring(0, 4) + "***"),
        Arguments.of("base64 OpenSSH key at offset 2", "team", base64("xy", OPENSSH_BODY), "an OpenSSH private key in base64",
            base64("xy", OPENSSH_BODY).substring(0, 4) + "***"),
        // gitleaks aws-access-token, detect-secrets AWSKeyDetector
        Arguments.of("AWS access key id (AKIA)", "team", "AKIA" + "IOSFODNN7EXAMPLE", "an AWS access key id", "AKIA***"),
        Arguments.of("AWS temporary access key id (ASIA)", "team", "ASIA" + "Y34FZKBOKMUTVV7A", "an AWS access key id", "ASIA***"),
        Arguments.of("AWS secret access key in text", "team", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "an AWS secret access key", "aws_***"),
        Arguments.of("AWS secret access key under its key", "awsSecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "an AWS secret access key", "wJal***"),
        // gitleaks gcp-api-key
        Arguments.of("GCP API key", "team", "AIza" + alnum(35), "a GCP API key", "AIza***"),
        // gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat
        Arguments.of("GitHub personal access token", "team", "ghp_" + alnum(36), "a GitHub token", "ghp_***"),
        Arguments.of("GitHub OAuth token", "team", "gho_" + alnum(36), "a GitHub token", "gho_***"),
        Arguments.of("GitHub user-to-server token", "team", "ghu_" + alnum(36), "a GitHub token", "ghu_***"),
        Arguments.of("GitHub server-to-server token", "team", "ghs_" + alnum(36), "a GitHub token", "ghs_***"),
        Arguments.of("GitHub refresh token", "team", "ghr_" + alnum(36), "a GitHub token", "ghr_***"),
        Arguments.of("GitHub fine-grained token", "team", "github_pat_11ABCDEFG0" + alnum(12) + "_" + alnum(59),
            "a GitHub token", "gith***"),
        // gitleaks gitlab-*, detect-secrets GitLabTokenDetector
        Arguments.of("GitLab personal access token", "team", "glpat-" + alnum(20), "a GitLab token", "glpa***"),
        Arguments.of("GitLab routable personal access token", "team", "glpat-" + alnum(27) + ".01" + "0a1b2c3",
            "a GitLab token", "glpa***"),
        Arguments.of("GitLab deploy token", "team", "gldt-" + alnum(20), "a GitLab token", "gldt***"),
        Arguments.of("GitLab runner token", "team", "glrt-" + alnum(20), "a GitLab token", "glrt***"),
        Arguments.of("GitLab feed token", "team", "glft-" + alnum(20), "a GitLab token", "glft***"),
        Arguments.of("GitLab SCIM token", "team", "glsoat-" + alnum(20), "a GitLab token", "glso***"),
        Arguments.of("GitLab pipeline trigger token", "team", "glptt-" + hex(40), "a GitLab token", "glpt***"),
        Arguments.of("GitLab CI/CD job token", "team", "glcbt-64_" + alnum(20), "a GitLab token", "glcb***"),
        Arguments.of("GitLab incoming mail token", "team", "glimt-" + alnum(25), "a GitLab token", "glim***"),
        Arguments.of("GitLab agent token", "team", "glagent-" + alnum(50), "a GitLab token", "glag***"),
        Arguments.of("GitLab OAuth application secret", "team", "gloas-" + alnum(64), "a GitLab token", "gloa***"),
        Arguments.of("GitLab feature flag client token", "team", "glffct-" + alnum(20), "a GitLab token", "glff***"),
        Arguments.of("GitLab runner registration token", "team", "GR1348941" + alnum(20), "a GitLab token", "GR13***"),
        // gitleaks slack-*, detect-secrets SlackDetector
        Arguments.of("Slack bot token", "team", "xoxb-1234567890-1234567890123-" + alnum(24), "a Slack token", "xoxb***"),
        Arguments.of("Slack user token", "team", "xoxp-1234567890-1234567890-1234567890123-" + hex(32), "a Slack token",
            "xoxp***"),
        Arguments.of("Slack app token", "team", "xapp-1-A0123456789-1234567890123-" + hex(64), "a Slack token", "xapp***"),
        Arguments.of("Slack webhook", "team", "https://hooks.slack.com/services/T00000000/B00000000/" + alnum(24),
            "a Slack webhook URL", "http***"),
        // gitleaks stripe-access-token, detect-secrets StripeDetector
        Arguments.of("Stripe live secret key", "team", "sk_live_" + alnum(24), "a Stripe secret key", "sk_l***"),
        Arguments.of("Stripe restricted key", "team", "rk_live_" + alnum(24), "a Stripe secret key", "rk_l***"),
        Arguments.of("Stripe test secret key", "team", "sk_test_" + alnum(24), "a Stripe secret key", "sk_t***"),
        // gitleaks npm-access-token, detect-secrets NpmDetector
        Arguments.of("npm access token", "team", "npm_" + alnum(36), "an npm token", "npm_***"),
        Arguments.of("npm auth token line", "team", "//registry.npmjs.org/:_authToken=" + "2b1a7c5e-3f4d-4e6a-9b8c-0d1e2f3a4b5c",
            "an npm token", "//re***"),
        // gitleaks vault-service-token, vault-batch-token
        Arguments.of("Vault service token", "team", "hvs." + alnum(95), "a HashiCorp Vault token", "hvs.***"),
        Arguments.of("Vault batch token", "team", "hvb." + alnum(140), "a HashiCorp Vault token", "hvb.***"),
        Arguments.of("Vault legacy service token", "team", "s." + alnum(24), "a HashiCorp Vault token", "s.q8***"),
        // gitleaks jwt, jwt-base64; detect-secrets JwtTokenDetector
        Arguments.of("JSON Web Token", "team", JWT, "a JSON Web Token", "eyJh***"),
        Arguments.of("JSON Web Token in base64", "team", base64("", JWT), "a JSON Web Token", "ZXlK***"),
        // detect-secrets AzureStorageKeyDetector, SendGridDetector, OpenAIDetector, SquareOAuthDetector,
        // MailchimpDetector, PypiTokenDetector
        Arguments.of("Azure storage connection string", "team",
            "DefaultEndpointsProtocol=https;AccountName=meshgen;AccountKey=" + alnum(86) + "==",
            "an Azure storage account key", "Defa***"),
        Arguments.of("SendGrid API key", "team", "SG." + alnum(22) + "." + alnum(43), "a SendGrid API key", "SG.q***"),
        Arguments.of("OpenAI API key", "team", "sk-" + alnum(20) + "T3BlbkFJ" + alnum(20), "an OpenAI API key", "sk-q***"),
        Arguments.of("Square OAuth secret", "team", "sq0csp-" + alnum(43), "a Square OAuth secret", "sq0c***"),
        Arguments.of("Mailchimp API key", "team", hex(32) + "-us14", "a Mailchimp API key", "3f9a***"),
        Arguments.of("PyPI token", "team", "pypi-AgEIcHlwaS5vcmc" + alnum(70), "a PyPI token", "pypi***"),
        // detect-secrets BasicAuthDetector; user info ends at the LAST '@' before the host
        Arguments.of("password in a URL", "repoUrl", "https://deploy:" + "Sup3r-S3cret" + "@git.example.com/x.git",
            "credentials in a URL", "http***"),
        Arguments.of("password with '@' in a URL", "repoUrl", "https://deploy:p@ss@git.example.com/x.git",
            "credentials in a URL", "http***"),
        Arguments.of("empty user in a URL", "repoUrl", "https://:" + "Sup3r-S3cret" + "@git.example.com/x.git",
            "credentials in a URL", "http***"),
        Arguments.of("token as the user of a URL", "repoUrl", "https://" + hex(40) + "@github.com/platform/x.git",
            "a token as the user name of a URL", "http***"),
        Arguments.of("GitLab token as the user of a URL", "repoUrl", "https://glpat-" + alnum(20) + "@gitlab.example.com/x.git",
            "a GitLab token", "http***"),
        // detect-secrets KeywordDetector with its high-entropy checks: a random value in a credential-shaped place
        Arguments.of("random password", "password", "Xk9mPq2zLw7R", "a random value under a credential key", "Xk9m***"),
        Arguments.of("random API key", "apiKey", alnum(32), "a random value under a credential key", "q8Xw***"),
        Arguments.of("random client secret", "client_secret", alnum(24), "a random value under a credential key", "q8Xw***"),
        Arguments.of("credential assignment in text", "team", "DB_PASSWORD=" + "Xk9mPq2zLw7R",
            "a credential (DB_PASSWORD=...)", "DB_P***"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretValues")
  void check_secretValue_isRefusedWithKindAndMaskedValue(String format, String key, String value, String kind, String shown) {
    List<Diagnostic> found = Secrets.check(labels(key, value, "x"));

    assertEquals(List.of("f.yaml:3:10: error: labels." + key + ": the value looks like " + kind + " ('" + shown + "')" + ADVICE),
        found.stream().map(Diagnostic::toString).toList());
  }

  /** The formats found in the text alone (not by the key they sit under, not in URLs: tested on their own). */
  static Stream<Arguments> secretsInText() {
    return secretValues().filter(a -> a.get()[1].equals("team") && !((String) a.get()[2]).startsWith("https://"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsInText")
  void diagnostic_quotingASecret_neverCarriesIt(String format, String key, String value, String kind, String shown) {
    // The last line of defence: a message that quotes the value anyway (a schema error, a --set location) masks it.
    Diagnostic d = Diagnostic.error(new Location("--set labels." + key + "=" + value, 0, 0), "labels." + key,
        "must be a DNS name, got '" + value + "'");

    String tail = value.substring(value.length() - 12);
    assertFalse(d.toString().contains(tail), d.toString());
    assertTrue(d.toString().contains("***"), d.toString());
  }

  static Stream<Arguments> secretKeys() {
    return Stream.of(
        Arguments.of("AKIA" + "IOSFODNN7EXAMPLE", "an AWS access key id", "AKIA***"),
        Arguments.of("ghp_" + alnum(36), "a GitHub token", "ghp_***"),
        Arguments.of("glpat-" + alnum(20), "a GitLab token", "glpa***"),
        Arguments.of("npm_" + alnum(36), "an npm token", "npm_***"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("secretKeys")
  void check_secretKey_isRefusedAtTheKeyAndMaskedInThePath(String key, String kind, String shown) {
    List<Diagnostic> found = Secrets.check(labels(key, "x", "team"));

    assertEquals(List.of("f.yaml:3:3: error: labels." + shown + ": the key looks like " + kind + " ('" + shown + "')" + ADVICE),
        found.stream().map(Diagnostic::toString).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"httpbin.org", "api.eu-west-1.example.com", "1.16.7-distroless", "1.16.0-solo", "1-16",
      "us-docker.pkg.dev/gloo-mesh/istio-workshops", "curlimages/curl:8.5.0",
      "curlimages/curl@sha256:" + "0f3a9c7e51d24b860f3a9c7e51d24b860f3a9c7e51d24b860f3a9c7e51d24b86",
      "https://git.example.com/platform/mesh-gitops.git", "git@github.com:platform/mesh-gitops.git",
      "ssh://git@github.com/platform/mesh-gitops.git", "https://deploy@git.example.com/platform/mesh-gitops.git",
      "https://deploy:@git.example.com/platform/mesh-gitops.git", "pk_live_q8XwL2rT5nV0b7Kc4Mf1Hg9J",
      "s.example-internal-0123456789.com", "s.exampleinternal0123456789", "app-5f4dcc3b5aa765d61d8327deb882cf99",
      "eyJust-a-label", "akia-lowercase-is-a-name", "istio-egressgateway", "clusters/mesh", "10m", "ISTIO_MUTUAL"})
  void check_whatMeshgenRenders_isNotASecret(String value) {
    assertEquals(List.of(), Secrets.check(labels("team", value, "x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"secretName", "credentialName", "tokenRef", "passthroughPort", "passwordSecretRef"})
  void check_keyThatNamesASecret_isNotACredentialPlace(String key) {
    assertEquals(List.of(), Secrets.check(labels(key, "istio-egressgateway-certs-2023", "x")));
  }

  @Test
  void check_everyEnvironmentInTheRepository_isClean() throws IOException, MeshgenException {
    Path root = TestProject.root();
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(root.resolve("environments"), root.resolve("src/test/resources/fixture/environments"),
        root.resolve("src/test/resources/scenarios"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".yaml") && p.getParent().getFileName().toString().equals("environments"))
            .forEach(files::add);
      }
    }
    assertTrue(files.size() >= 12, files.toString());
    for (Path file : files) {
      YamlNode root2 = Yaml.readOne(file.toString(), Files.readAllBytes(file), Yaml.Limits.PROPERTY_FILE);
      assertEquals(List.of(), Secrets.check(root2), file.toString());
    }
  }

  @Test
  void redact_urlCredentials_cutAtTheLastAtBeforeTheHost() {
    assertEquals("push to https://deploy:***@git.example.com/x.git failed",
        SecretText.redact("push to https://deploy:p@ss@git.example.com/x.git failed"));
    assertEquals("https://:***@git.example.com/x.git", SecretText.redact("https://:Sup3r-S3cret@git.example.com/x.git"));
    assertEquals("https://glpa***@gitlab.example.com/x.git",
        SecretText.redact("https://glpat-" + alnum(20) + "@gitlab.example.com/x.git"));
    assertEquals("https://3f9a***@github.com/x.git", SecretText.redact("https://" + hex(40) + "@github.com/x.git"));
    assertEquals("ssh://git@github.com/x.git", SecretText.redact("ssh://git@github.com/x.git"));
    assertEquals("https://deploy@git.example.com/a@b", SecretText.redact("https://deploy@git.example.com/a@b"));
  }

  @Test
  void redact_twice_changesNothingMore() {
    String once = SecretText.redact("https://deploy:p@ss@host/x ghp_" + alnum(36) + " password=Xk9mPq2zLw7R");
    assertEquals("https://deploy:***@host/x ghp_*** password=Xk9m***", once);
    assertEquals(once, SecretText.redact(once));
  }

  @Test
  void withoutUserInfo_dropsUserAndPassword_atTheLastAt() {
    assertEquals("https://git.example.com/x.git", SecretText.withoutUserInfo("https://deploy:p@ss@git.example.com/x.git"));
    assertEquals("https://git.example.com/x.git", SecretText.withoutUserInfo("https://:pw@git.example.com/x.git"));
    assertEquals("https://gitlab.example.com/x.git",
        SecretText.withoutUserInfo("https://glpat-" + alnum(20) + "@gitlab.example.com/x.git"));
    assertEquals("https://git.example.com/a@b", SecretText.withoutUserInfo("https://git.example.com/a@b"));
  }

  @Test
  void mask_shortValue_showsNothing() {
    assertEquals("***", SecretText.mask("hunter2!"));
    assertEquals("Xk9m***", SecretText.mask("Xk9mPq2zLw7R"));
  }

  @Test
  void read_fileWithNulBytes_quotesNothingOfIt() {
    byte[] environ = ("SECRET_TOKEN=ghp_" + alnum(36) + "\0OTHER=visible-value\0PATH=/usr/bin\0")
        .getBytes(StandardCharsets.UTF_8);

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Yaml.readOne("environ.yaml", environ, Yaml.Limits.PROPERTY_FILE));

    String shown = e.diagnostics().toString();
    assertFalse(shown.contains(alnum(36)) || shown.contains("OTHER") || shown.contains("visible-value")
        || shown.contains("/usr/bin") || shown.contains("\0"), shown);
  }

  @Test
  void read_garbageThatIsNotYaml_quotesAtMost120Characters() {
    byte[] garbage = ("key: [\"" + "A=b ".repeat(200) + "\n  - : ]: x").getBytes(StandardCharsets.UTF_8);

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Yaml.readOne("garbage.yaml", garbage, Yaml.Limits.PROPERTY_FILE));

    String message = e.diagnostics().get(0).message();
    assertTrue(message.length() <= 120, message);
    assertFalse(message.contains("A=b"), message);
  }

  /** {@code labels: {<other>: x, <key>: <value>}} at known positions: line 3, key at column 3, value at column 10. */
  private static YamlNode.Mapping labels(String key, String value, String other) {
    Map<String, YamlNode.Entry> labels = new LinkedHashMap<>();
    labels.put(other, new YamlNode.Entry(new Location("f.yaml", 2, 3), new YamlNode.Scalar(new Location("f.yaml", 2, 10), "x")));
    labels.put(key, new YamlNode.Entry(new Location("f.yaml", 3, 3), new YamlNode.Scalar(new Location("f.yaml", 3, 10), value)));
    Map<String, YamlNode.Entry> root = new LinkedHashMap<>();
    root.put("labels", new YamlNode.Entry(new Location("f.yaml", 1, 1),
        new YamlNode.Mapping(new Location("f.yaml", 2, 3), labels)));
    return new YamlNode.Mapping(new Location("f.yaml", 1, 1), root);
  }
}
