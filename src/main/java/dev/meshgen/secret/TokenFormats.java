package dev.meshgen.secret;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The token formats meshgen refuses, after gitleaks' default rules (config/gitleaks.toml) and
 * detect-secrets' plugins; each names the rule it follows, so the README and tests can too.
 */
final class TokenFormats {
  /** One format: what it is called in messages, the upstream rule names, its pattern, and how far a match reaches. */
  record Format(String kind, String rules, Pattern pattern, Extent extent) {}

  /**
   * What to mask around a match: a token is what the pattern matched; a marker only starts the
   * secret (a PEM header, a base64 run, a key file's first line), so the rest goes with it.
   */
  enum Extent {
    TOKEN, PEM_BLOCK, BASE64_RUN, REST_OF_TEXT
  }

  // Token characters on both sides end a token: "xghp_..." or "AKIA...Z9" inside a longer word is not one.
  private static final String START = "(?<![A-Za-z0-9_])";
  private static final String END = "(?![A-Za-z0-9_])";

  static final List<Format> ALL = List.of(
      format("a private key", "gitleaks private-key, detect-secrets PrivateKeyDetector",
          "-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-[0-9]", Extent.PEM_BLOCK),
      format("a PEM block (key or certificate)", "meshgen: TLS material is referenced by Secret name only",
          "-----BEGIN[ A-Z0-9_-]{1,100}-----", Extent.PEM_BLOCK),
      format("an OpenSSH private key", "detect-secrets PrivateKeyDetector (OPENSSH)", "openssh-key-v1", Extent.REST_OF_TEXT),
      new Format("a PEM block in base64 (key or certificate)", "meshgen: base64 of -----BEGIN at any offset",
          Base64Marker.pattern("-----BEGIN"), Extent.BASE64_RUN),
      new Format("an OpenSSH private key in base64", "meshgen: base64 of openssh-key-v1 at any offset",
          Base64Marker.pattern("openssh-key-v1"), Extent.BASE64_RUN),
      format("an AWS access key id", "gitleaks aws-access-token, detect-secrets AWSKeyDetector",
          "(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
      format("an AWS secret access key", "detect-secrets AWSKeyDetector",
          "(?i)aws[A-Za-z0-9_.-]{0,20}?(?:key|pwd|pw|password|pass|token|secret)[A-Za-z0-9_.-]{0,20}?[\"']?\\s*[:=]\\s*[\"']?"
              + "[0-9a-zA-Z/+]{40}(?![0-9a-zA-Z/+])"),
      format("a GCP API key", "gitleaks gcp-api-key", START + "AIza[0-9A-Za-z_-]{35}" + END),
      format("a GitHub token", "gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, "
              + "github-fine-grained-pat; detect-secrets GitHubTokenDetector",
          START + "(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})" + END),
      format("a GitLab token", "gitleaks gitlab-pat, gitlab-pat-routable, gitlab-deploy-token, gitlab-feed-token, "
              + "gitlab-runner-authentication-token, gitlab-scim-token, gitlab-feature-flag-client-token, gitlab-ptt, "
              + "gitlab-incoming-mail-token, gitlab-kubernetes-agent-token, gitlab-oauth-app-secret, "
              + "gitlab-cicd-job-token, gitlab-rrt; detect-secrets GitLabTokenDetector",
          START + "(?:gl(?:pat|dt|ft|rt|soat|ffct|ptt|imt|agent|oas|cbt)-[0-9A-Za-z_.-]{20,}|GR1348941[0-9A-Za-z_-]{20,})"),
      format("a Slack token", "gitleaks slack-bot-token, slack-user-token, slack-app-token, slack-legacy-token, "
              + "slack-legacy-bot-token, slack-legacy-workspace-token, slack-config-access-token; detect-secrets SlackDetector",
          START + "(?:xox[abeoprs]-[0-9A-Za-z-]{10,}|xapp-[0-9]-[0-9A-Za-z-]{10,})"),
      format("a Slack webhook URL", "gitleaks slack-webhook-url, detect-secrets SlackDetector",
          "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_+/]{20,}"),
      format("a Stripe secret key", "gitleaks stripe-access-token, detect-secrets StripeDetector",
          START + "(?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,99}" + END),
      format("an npm token", "gitleaks npm-access-token, detect-secrets NpmDetector",
          START + "(?:npm_[A-Za-z0-9]{36}" + END + "|_authToken\\s*=\\s*\\S+)"),
      format("a PyPI token", "detect-secrets PypiTokenDetector", START + "pypi-AgE[A-Za-z0-9_-]{50,}"),
      format("a HashiCorp Vault token", "gitleaks vault-service-token, vault-batch-token",
          // Legacy service tokens ("s." and 24 characters) are mixed case; a DNS label never is.
          START + "(?:hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300}|s\\.(?=[a-z0-9]*[A-Z])[A-Za-z0-9]{24})"
              + "(?![A-Za-z0-9_.-])"),
      format("a JSON Web Token", "gitleaks jwt, jwt-base64; detect-secrets JwtTokenDetector",
          START + "(?:eyJ[A-Za-z0-9_-]{10,}={0,2}\\.ey[A-Za-z0-9_-]{10,}={0,2}\\.[A-Za-z0-9_/+-]*|ZXlK[A-Za-z0-9+/_-]{40,}={0,2})"),
      format("an Azure storage account key", "detect-secrets AzureStorageKeyDetector", "AccountKey=[A-Za-z0-9+/=]{88}"),
      format("a SendGrid API key", "detect-secrets SendGridDetector", START + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
      format("an OpenAI API key", "detect-secrets OpenAIDetector",
          START + "sk-[A-Za-z0-9_-]*[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"),
      format("a Square OAuth secret", "detect-secrets SquareOAuthDetector", START + "sq0csp-[0-9A-Za-z_-]{43}"),
      format("a Mailchimp API key", "detect-secrets MailchimpDetector", START + "[0-9a-f]{32}-us[0-9]{1,2}" + END));

  private TokenFormats() {}

  private static Format format(String kind, String rules, String regex) {
    return format(kind, rules, regex, Extent.TOKEN);
  }

  private static Format format(String kind, String rules, String regex, Extent extent) {
    return new Format(kind, rules, Pattern.compile(regex), extent);
  }
}
