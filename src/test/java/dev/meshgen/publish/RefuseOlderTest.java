package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.publish.PublishRequest.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --refuse-older}: a build from an older source commit must not overwrite a newer one's publish. */
class RefuseOlderTest {
  @TempDir Path dir;
  Path remote;
  Path source;
  Inputs inputs;
  String older;
  String newer;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitCli.initBare(dir.resolve("gitops.git"));
    inputs = Inputs.copyInto(dir.resolve("config"));
    source = inputs.root();
    GitCli.run(source, "init", "-q", "-b", "main");
    GitCli.run(source, "add", "-A");
    GitCli.run(source, "commit", "-q", "-m", "older");
    older = GitCli.run(source, "rev-parse", "HEAD").strip();
    Files.writeString(source.resolve("CHANGELOG"), "newer\n");
    GitCli.run(source, "add", "-A");
    GitCli.run(source, "commit", "-q", "-m", "newer");
    newer = GitCli.run(source, "rev-parse", "HEAD").strip();
  }

  @AfterEach
  void fsck() {
    GitCli.assertFsckClean(remote);
  }

  @Test
  void provenance_defaultsToHeadOfTheSourceRepository() {
    Provenance p = Publisher.provenance(source, Optional.empty(), Optional.empty(), "1.0");

    assertEquals(Optional.of(newer), p.sourceSha());
    assertEquals(Optional.of(source.toAbsolutePath()), p.sourceRepository());
  }

  @Test
  void publish_olderSourceAfterNewer_refusedAndRemoteUnchanged() throws Exception {
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");
    Publisher.publish(request(newer).build(), inputs.render("example"));
    String head = GitCli.log(remote, "main").get(0);
    inputs.edit("example", "mode: DISABLE", "mode: SIMPLE");

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(request(older).build(), inputs.render("example")));

    assertEquals(remote + ": error: example/: was last published from source commit " + newer + ", which is not "
        + "an ancestor of " + older + " (a later build finished first?); not replacing it. Publish from a newer "
        + "source commit, or leave out --refuse-older to overwrite it", e.diagnostics().get(0).toString());
    assertEquals(head, GitCli.log(remote, "main").get(0));
  }

  @Test
  void publish_newerSourceAfterOlder_allowed() throws Exception {
    Publisher.publish(request(older).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");

    Publication p = Publisher.publish(request(newer).build(), inputs.render("example"));

    assertTrue(p.commit().isPresent());
    assertEquals(2, GitCli.log(remote, "main").size());
  }

  @Test
  void publish_sourceUnknownToThisClone_countsAsNewerAndIsRefused() throws Exception {
    String unknown = "fedcba9876543210fedcba9876543210fedcba98";
    Publisher.publish(Requests.to(remote.toString()).from(Requests.provenance(unknown)).build(),
        inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");

    MeshgenException e = assertThrows(MeshgenException.class,
        () -> Publisher.publish(request(newer).build(), inputs.render("example")));

    assertTrue(e.getMessage().contains("was last published from source commit " + unknown), e.getMessage());
  }

  @Test
  void publish_olderSourceWithoutRefuseOlder_overwrites() throws Exception {
    Publisher.publish(request(newer).build(), inputs.render("example"));
    inputs.edit("example", "mode: SIMPLE", "mode: DISABLE");

    Publication p = Publisher.publish(Requests.to(remote.toString()).from(provenance(older)).build(),
        inputs.render("example"));

    assertTrue(p.commit().isPresent());
  }

  private Requests request(String sha) {
    return Requests.to(remote.toString()).from(provenance(sha)).refusingOlder();
  }

  private Provenance provenance(String sha) {
    return new Provenance(Optional.of(sha), Optional.empty(), Optional.empty(), "9.9.9", Optional.of(source));
  }
}
