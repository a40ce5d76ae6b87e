package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.publish.PublishRequest.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Credentials in repository URLs (issue 11): user info ends at the LAST '@' before the host, a
 * token may be the user name, the user may be empty; what is printed is redacted and what is
 * committed carries no user info at all. Every credential here is fake.
 */
class RepositoryAddressTest {
  private static final String TOKEN = "glpat-" + "q8XwL2rT5nV0b7Kc4Mf1";

  @Test
  void parse_gitDaemonUrl_isARemoteAddressShownAsGiven() throws Exception {
    RepositoryAddress a = RepositoryAddress.parse("git://127.0.0.1:9418/gitops.git");

    assertEquals("git://127.0.0.1:9418/gitops.git", a.shown());
    assertEquals("git", a.uri().getScheme());
    assertEquals(9418, a.uri().getPort());
    assertTrue(!a.isLocal());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://deploy:secret@git.example.com/x.git | https://deploy:***@git.example.com/x.git",
      "https://deploy:p@ss@git.example.com/x.git   | https://deploy:***@git.example.com/x.git",
      "https://deploy:p@ss@127.0.0.1:8080/x.git    | https://deploy:***@127.0.0.1:8080/x.git",
      "https://:p@ss@git.example.com/x.git         | https://:***@git.example.com/x.git",
      "https://" + "glpat-q8XwL2rT5nV0b7Kc4Mf1@gitlab.example.com/x.git | https://glpa***@gitlab.example.com/x.git",
      "https://deploy@git.example.com/x.git        | https://deploy@git.example.com/x.git",
      "ssh://git@git.example.com/x.git             | ssh://git@git.example.com/x.git",
      "git@git.example.com:platform/x.git          | git@git.example.com:platform/x.git"})
  void redact_hidesThePasswordAndATokenUser(String url, String shown) {
    assertEquals(shown, RepositoryAddress.redact(url));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://deploy:secret@git.example.com/x.git | https://git.example.com/x.git",
      "https://deploy:p@ss@git.example.com/x.git   | https://git.example.com/x.git",
      "https://:p@ss@git.example.com/x.git         | https://git.example.com/x.git",
      "https://glpat-q8XwL2rT5nV0b7Kc4Mf1@gitlab.example.com/x.git | https://gitlab.example.com/x.git",
      "https://git.example.com/a@b.git             | https://git.example.com/a@b.git"})
  void withoutUserInfo_dropsUserAndPassword(String url, String bare) {
    assertEquals(bare, RepositoryAddress.withoutUserInfo(url));
  }

  @Test
  void parse_passwordWithAt_splitsAtTheLastAt() throws Exception {
    RepositoryAddress a = RepositoryAddress.parse("https://deploy:p@ss@git.example.com/x.git");
    assertEquals("deploy", a.embeddedUser());
    assertEquals("p@ss", a.embeddedPassword());
    assertEquals("git.example.com", a.uri().getHost());
    assertEquals("https://deploy:***@git.example.com/x.git", a.toString());
  }

  @Test
  void parse_emptyUser_keepsThePasswordOutOfTheUri() throws Exception {
    RepositoryAddress a = RepositoryAddress.parse("https://:p@ss@git.example.com/x.git");
    assertNull(a.embeddedUser());
    assertEquals("p@ss", a.embeddedPassword());
    assertEquals("https://git.example.com/x.git", a.uri().toString());
    assertEquals("https://:***@git.example.com/x.git", a.toString());
  }

  @Test
  void parse_tokenAsUser_isNeverShown() throws Exception {
    RepositoryAddress a = RepositoryAddress.parse("https://" + TOKEN + "@gitlab.example.com/x.git");
    assertEquals(TOKEN, a.embeddedUser());
    assertEquals("https://glpa***@gitlab.example.com/x.git", a.toString());
  }

  @Test
  void sourceHead_originWithCredentials_isReadWithoutUserInfo(@TempDir Path dir) throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", "https://deploy:p@ss@git.example.com/platform/mesh.git");
      config.save();
    }
    assertEquals(Optional.of("https://git.example.com/platform/mesh.git"), SourceRepository.head(dir).originUrl());
  }

  @Test
  void commitTrailer_sourceUrlWithTokenUser_carriesNoUserInfo() {
    Provenance p = new Provenance(Optional.of("0123456789abcdef0123456789abcdef01234567"),
        Optional.of("https://" + TOKEN + "@gitlab.example.com/platform/mesh.git"),
        Optional.of("https://ci:p@ss@ci.example.com/job/1/"), "1.0", Optional.empty());

    String message = CommitMessage.of(List.of(), p);

    assertTrue(message.contains("\nArgocd-reference-commit-repourl: https://gitlab.example.com/platform/mesh.git\n"), message);
    assertTrue(message.contains("\nMeshgen-build-url: https://ci.example.com/job/1/\n"), message);
    assertTrue(!message.contains("q8Xw") && !message.contains("ss@"), message);
  }
}
