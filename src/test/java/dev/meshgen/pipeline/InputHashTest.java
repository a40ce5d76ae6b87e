package dev.meshgen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.environment.Overrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input hash (issue 14) changes with each kind of input an environment's render depends on,
 * and with nothing else: not with where the sources lie, the locale or the time zone.
 */
class InputHashTest {
  private static final String PATCH = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n"
      + "metadata:\n  name: patched\n  labels:\n    team: mesh\n";

  @TempDir Path dir;
  private Sources sources;

  @BeforeEach
  void copy() {
    sources = TestProject.copySources(dir.resolve("src"));
  }

  private String hash(Sources s, String version, Overrides overrides) throws Exception {
    return Pipeline.of(s, List.of(), version).prepare(List.of("example"), overrides).inputHash("example").orElseThrow();
  }

  private String hash() throws Exception {
    return hash(sources, "1.0.0", Overrides.NONE);
  }

  private void replace(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " does not contain " + from);
    Files.writeString(file, text.replace(from, to));
  }

  @Test
  void inputHash_nothingChanged_isTheSameAndIndependentOfWhereTheSourcesLie() throws Exception {
    String first = hash();
    Sources elsewhere = TestProject.copySources(dir.resolve("elsewhere/deeper"));

    assertEquals(first, hash());
    assertEquals(first, hash(elsewhere, "1.0.0", Overrides.NONE));
    assertTrue(first.matches("[0-9a-f]{64}"), first);
  }

  @Test
  void inputHash_otherLocaleAndTimeZone_isTheSame() throws Exception {
    String first = hash();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
      assertEquals(first, hash());
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void inputHash_propertyOfTheEnvironmentChanged_differs() throws Exception {
    String before = hash();
    replace(sources.environments().resolve("example.yaml"), "mode: SIMPLE", "mode: DISABLE");

    assertNotEquals(before, hash());
  }

  @Test
  void inputHash_defaultsValuesFileOrSetChanged_differs() throws Exception {
    String before = hash();
    Path values = dir.resolve("values.yaml");
    Files.writeString(values, "istio:\n  tag: 1.16.9-solo\n");

    assertNotEquals(before, hash(sources, "1.0.0", new Overrides(List.of(values), List.of(), List.of())));
    assertNotEquals(before, hash(sources, "1.0.0", Overrides.of(List.of("istio.tag=1.16.9-solo"))));
    assertNotEquals(before, hash(sources, "1.0.0", new Overrides(List.of(), List.of(), List.of("istio.tag=1.16.9-solo"))));
    Files.writeString(sources.environments().resolve("_defaults.yaml"), "\n# a comment changes nothing\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(before, hash(), "only what the merged properties hold counts, not how the files are written");
    replace(sources.environments().resolve("_defaults.yaml"), "hostSuffix: external", "hostSuffix: outside");
    assertNotEquals(before, hash());
  }

  @Test
  void inputHash_anotherEnvironmentChanged_isTheSame() throws Exception {
    String before = hash();
    replace(sources.environments().resolve("multi-region.yaml"), "mode: SIMPLE", "mode: DISABLE");

    assertEquals(before, hash());
  }

  @Test
  void inputHash_templateChanged_differs() throws Exception {
    String before = hash();
    Files.writeString(sources.templates().resolve("namespace.yaml.ftl"), "<#-- a comment renders nothing -->\n",
        java.nio.file.StandardOpenOption.APPEND);

    assertNotEquals(before, hash());
  }

  @Test
  void inputHash_roleDefinitionChanged_differs() throws Exception {
    String before = hash();
    replace(sources.overlays().resolve("local/role.yaml"), "description: Local", "description: The local");

    assertNotEquals(before, hash());
  }

  @Test
  void inputHash_patchFileChanged_differs() throws Exception {
    replace(sources.overlays().resolve("local/role.yaml"), "patches: []",
        "patches:\n  - path: patches/labels.yaml\n    target: {kind: IstioOperator}");
    TestProject.write(sources.overlays().resolve("local/patches/labels.yaml"), PATCH);
    String before = hash();
    replace(sources.overlays().resolve("local/patches/labels.yaml"), "team: mesh", "team: platform");

    assertNotEquals(before, hash());
  }

  @Test
  void inputHash_meshgenVersionChanged_differs() throws Exception {
    assertNotEquals(hash(sources, "1.0.0", Overrides.NONE), hash(sources, "1.0.1", Overrides.NONE));
  }
}
