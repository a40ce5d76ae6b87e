package dev.meshgen.publish;

import dev.meshgen.publish.PublishRequest.Credentials;
import dev.meshgen.publish.PublishRequest.Identity;
import dev.meshgen.publish.PublishRequest.Provenance;
import java.util.Optional;

/** Publish requests for tests: sensible defaults, one {@code with} per variation. */
record Requests(String repository, String branch, String prefix, Provenance provenance,
    Optional<Credentials> credentials, boolean dryRun, boolean refuseOlder, int attempts) {
  static final Identity AUTHOR = new Identity("Meshgen CI", "ci@example.com");
  static final String SOURCE_SHA = "0123456789abcdef0123456789abcdef01234567";

  static Requests to(String repository) {
    return new Requests(repository, "main", "", provenance(SOURCE_SHA), Optional.empty(), false, false, 5);
  }

  static Provenance provenance(String sha) {
    return new Provenance(Optional.of(sha), Optional.of("https://git.example.com/mesh/config.git"),
        Optional.of("https://jenkins.example.com/job/mesh/42/"), "9.9.9", Optional.empty());
  }

  Requests onBranch(String b) {
    return new Requests(repository, b, prefix, provenance, credentials, dryRun, refuseOlder, attempts);
  }

  Requests underPath(String p) {
    return new Requests(repository, branch, p, provenance, credentials, dryRun, refuseOlder, attempts);
  }

  Requests from(Provenance p) {
    return new Requests(repository, branch, prefix, p, credentials, dryRun, refuseOlder, attempts);
  }

  Requests credentials(String user, String password) {
    return new Requests(repository, branch, prefix, provenance, Optional.of(new Credentials(user, password)), dryRun,
        refuseOlder, attempts);
  }

  Requests asDryRun() {
    return new Requests(repository, branch, prefix, provenance, credentials, true, refuseOlder, attempts);
  }

  Requests refusingOlder() {
    return new Requests(repository, branch, prefix, provenance, credentials, dryRun, true, attempts);
  }

  Requests attempts(int n) {
    return new Requests(repository, branch, prefix, provenance, credentials, dryRun, refuseOlder, n);
  }

  PublishRequest build() {
    return new PublishRequest(repository, branch, prefix, AUTHOR, Optional.empty(), provenance, credentials, false,
        dryRun, refuseOlder, attempts);
  }
}
