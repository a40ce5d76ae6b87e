package dev.meshgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.pipeline.Sources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets exit code 1, one message per problem naming file, line, column and key, no stack
 * trace, and leaves the output folder exactly as it was.
 */
class BadInputTest {
  @TempDir Path dir;
  private Sources sources;
  private Path out;
  private Map<String, String> before;

  /**
   * A complete, valid environment (the example's properties on clusters of its own, so it owns
   * nothing the example owns) to break one piece at a time.
   */
  private static final String VALID = String.join("\n",
      "clusters:",                       // 1
      "  mgmt:",                         // 2
      "    name: hub",                   // 3
      "  local:",                        // 4
      "    name: edge1",                 // 5
      "  remote:",                       // 6
      "    name: edge2",                 // 7
      "istio:",                          // 8
      "  revision: 1-16",                // 9
      "  tag: 1.16.0-solo",              // 10
      "  operatorNamespace: gm-iop-1-16", // 11
      "workspaces:",                     // 12
      "  ops:",                          // 13
      "    name: ops",                   // 14
      "    configNamespace: ops-config", // 15
      "  apps:",                         // 16
      "    - name: app1",                // 17
      "      configNamespace: app1-configs", // 18
      "      cluster: local",            // 19
      "      namespaces: [app1]",        // 20
      "externalServices:",               // 21
      "  - name: httpbin",               // 22
      "    host: httpbin.org",           // 23
      "    workspace: app1",             // 24
      "    gatewayPort: http",           // 25
      "    ports:",                      // 26
      "      - name: https",             // 27
      "        number: 443",             // 28
      "        protocol: HTTPS",         // 29
      "    tlsOrigination:",             // 30
      "      port: 443",                 // 31
      "      mode: SIMPLE",              // 32
      "");

  /** {@link #VALID} as a fleet (issue 13): the two clusters as clusters.workload, the workspace naming its cluster. */
  private static final String FLEET = VALID
      .replace("  local:\n    name: edge1\n  remote:\n    name: edge2\n",
          "  workload:\n    - name: edge1\n      role: local\n    - name: edge2\n      role: remote\n      region: eu\n")
      .replace("      cluster: local\n", "      clusters: [edge1]\n");

  @BeforeEach
  void renderGoodOutput() {
    sources = TestProject.copySources(dir.resolve("src"));
    out = dir.resolve("out");
    TestProject.write(sources.environments().resolve("good.yaml"), VALID);
    TestProject.Result ok = TestProject.render(sources, out, "--env", "example", "--env", "good");
    assertEquals(0, ok.exit(), ok.err());
    before = TestProject.snapshot(out);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("missing required key", VALID.replace("    host: httpbin.org\n", ""),
            List.of(":22:5: error: externalServices[0].host: required")),
        Arguments.of("unknown key with suggestion", VALID.replace("    host: httpbin.org", "    hots: httpbin.org"),
            List.of(":22:5: error: externalServices[0].host: required",
                ":23:5: error: externalServices[0].hots: unknown key (did you mean 'host'?)")),
        Arguments.of("wrong type", VALID.replace("      port: 443", "      port: \"443\""),
            List.of(":31:13: error: externalServices[0].tlsOrigination.port: must be an integer, got '443'")),
        Arguments.of("port out of range", VALID.replace("        number: 443", "        number: 70000"),
            List.of(":28:17: error: externalServices[0].ports[0].number: must be 1-65535, got 70000")),
        Arguments.of("TLS origination on a port the service lacks", VALID.replace("      port: 443", "      port: 8443"),
            List.of(":31:13: error: externalServices[0].tlsOrigination.port: 8443 is not one of the service's ports (443)")),
        Arguments.of("bad enum", VALID.replace("mode: SIMPLE", "mode: SIMPEL"),
            List.of(":32:13: error: externalServices[0].tlsOrigination.mode: must be one of SIMPLE, DISABLE, got 'SIMPEL'")),
        Arguments.of("not a DNS-1123 name", VALID.replace("    name: edge1", "    name: Cluster_1"),
            List.of(":5:11: error: clusters.local.name: must be a DNS-1123 label: lower-case letters, digits and '-', "
                + "starting and ending with a letter or digit, at most 63 characters, got 'Cluster_1'")),
        Arguments.of("dangling workspace", VALID.replace("    workspace: app1", "    workspace: app9"),
            List.of(":24:16: error: externalServices[0].workspace: no app workspace named 'app9'; known: app1")),
        Arguments.of("tab indentation", VALID.replace("    name: hub", "\tname: hub"),
            List.of(":3:1: error: invalid YAML: a tab character where YAML allows only spaces; indent with spaces")),
        Arguments.of("duplicate key", VALID.replace("    name: hub", "    name: hub\n    name: other"),
            List.of(":4:5: error: clusters.mgmt.name: duplicate key (first written at line 3)")),
        Arguments.of("alias", VALID.replace("  mgmt:\n    name: hub", "  mgmt: &m\n    name: hub")
                .replace("  remote:\n    name: edge2", "  remote: *m"),
            List.of(":2:9: error: clusters.mgmt: YAML anchors ('&name') are not allowed in property files; write the value out")),
        Arguments.of("empty file", "",
            List.of(": error: file is empty: expected a mapping of properties")),
        Arguments.of("not a mapping", "- just\n- a list\n",
            List.of(":1:1: error: expected a mapping of properties at the top of the file")),
        Arguments.of("two documents", VALID + "---\nclusters: {}\n",
            List.of(":34:1: error: a property file holds one YAML document; remove the second '---' document")),
        Arguments.of("unclosed flow list", VALID.replace("namespaces: [app1]", "namespaces: [app1"),
            List.of(":21:17: error: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got :")),
        Arguments.of("injection through a value", VALID.replace("host: httpbin.org", "host: \"httpbin.org\\nkind: Secret\""),
            List.of(":23:11: error: externalServices[0].host: must be a DNS name: dot-separated DNS-1123 labels such as "
                + "api.example.com, got 'httpbin.org\\nkind: Secret'")),
        Arguments.of("private key in a value", VALID.replace("  tag: 1.16.0-solo",
                "  tag: \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\""),
            List.of(":10:8: error: istio.tag: the value looks like a private key ('----***'); secrets never enter the "
                + "GitOps repository: keep them in a Kubernetes Secret (or the CI's credential store) and reference it by name")),
        Arguments.of("token in a value", VALID.replace("    name: edge2", "    name: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"),
            List.of(":7:11: error: clusters.remote.name: the value looks like a GitHub token ('ghp_***'); secrets never "
                + "enter the GitOps repository: keep them in a Kubernetes Secret (or the CI's credential store) and reference "
                + "it by name")),
        Arguments.of("permissive mTLS without opting out", VALID + "mesh:\n  peerAuthentication:\n    mode: PERMISSIVE\n",
            List.of(":35:11: error: mesh.peerAuthentication.mode: PERMISSIVE lets plain text into the mesh; keep STRICT, "
                + "or opt out on purpose with mesh.peerAuthentication.allowNonStrict: true")),
        Arguments.of("path traversal in a name", VALID.replace("configNamespace: app1-configs", "configNamespace: ../../etc"),
            List.of(":18:24: error: workspaces.apps[0].configNamespace: must be a DNS-1123 label: lower-case letters, digits "
                + "and '-', starting and ending with a letter or digit, at most 63 characters, got '../../etc'")),
        Arguments.of("template injection in a value", VALID.replace("host: httpbin.org", "host: \"${name}<#if true>x</#if>\""),
            List.of(":23:11: error: externalServices[0].host: must be a DNS name: dot-separated DNS-1123 labels such as "
                + "api.example.com, got '${name}<#if true>x</#if>'")),
        Arguments.of("duplicate external service", VALID.replace("externalServices:\n",
                "externalServices:\n  - name: httpbin\n    host: other.org\n    workspace: app1\n    gatewayPort: https\n"
                    + "    ports: [{name: https, number: 443, protocol: HTTPS}]\n    tlsOrigination: {port: 443, mode: SIMPLE}\n"),
            List.of(":25:18: error: externalServices[0].gatewayPort: egress gateway port 'https' is HTTPS; the mesh hop to "
                + "the egress gateway is HTTP inside ISTIO_MUTUAL, so use an HTTP port",
                ":28:11: error: externalServices[1].name: duplicate 'httpbin' (also externalServices[0].name)")),
        Arguments.of("unknown top-level key", VALID + "externalService: []\n",
            List.of(":33:1: error: externalService: unknown key (did you mean 'externalServices'?)")),
        Arguments.of("list where a mapping belongs", VALID.replace("  ops:\n    name: ops\n    configNamespace: ops-config",
                "  ops: [ops, ops-config]"),
            List.of(":13:8: error: workspaces.ops: must be a mapping, got a list")),
        Arguments.of("null value", VALID.replace("  revision: 1-16", "  revision: null"),
            List.of(":9:13: error: istio.revision: must be a string, got nothing (null)")),
        Arguments.of("billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            List.of(":1:4: error: a: YAML anchors ('&name') are not allowed in property files; write the value out")),
        Arguments.of("GitOps path outside the repository",
            VALID + "gitops:\n  repoUrl: https://git.example.com/platform/mesh-gitops.git\n  path: ../mesh\n",
            List.of(":35:9: error: gitops.path: must be a folder inside the repository such as clusters/mesh, or empty "
                + "for its root: no leading '/', no '.' or '..', got '../mesh'")),
        Arguments.of("GitOps repository URL with a newline", VALID + "gitops:\n  repoUrl: \"https://x.org/a.git\\nkind: Secret\"\n",
            List.of(":34:12: error: gitops.repoUrl: must be a Git repository URL such as "
                + "https://git.example.com/platform/mesh-gitops.git or git@git.example.com:platform/mesh-gitops.git, "
                + "got 'https://x.org/a.git\\nkind: Secret'")),
        Arguments.of("verify expects a code the mesh itself answers", VALID.replace("      mode: SIMPLE\n",
                "      mode: SIMPLE\n    verify: {path: /status, expect: [200, 404]}\n"),
            List.of(":33:43: error: externalServices[0].verify.expect[1]: 404 is also what the mesh's proxies answer "
                + "when the path is broken (404: no route, 5xx: the next hop failed), so it cannot prove the service was "
                + "reached; verify a path the service answers with another code (e.g. a health endpoint's 200, or 401 "
                + "from an API that needs credentials)")),
        Arguments.of("verify expects a 5xx as a single code", VALID.replace("      mode: SIMPLE\n",
                "      mode: SIMPLE\n    verify:\n      expect: 503\n"),
            List.of(":34:15: error: externalServices[0].verify.expect: 503 is also what the mesh's proxies answer "
                + "when the path is broken (404: no route, 5xx: the next hop failed), so it cannot prove the service was "
                + "reached; verify a path the service answers with another code (e.g. a health endpoint's 200, or 401 "
                + "from an API that needs credentials)")),
        Arguments.of("verify expects a word", VALID.replace("      mode: SIMPLE\n",
                "      mode: SIMPLE\n    verify: {expect: ok}\n"),
            List.of(":33:22: error: externalServices[0].verify.expect: must be an integer or a list, got 'ok'")),
        Arguments.of("verify expects no HTTP status", VALID.replace("      mode: SIMPLE\n",
                "      mode: SIMPLE\n    verify: {expect: [200, 42]}\n"),
            List.of(":33:28: error: externalServices[0].verify.expect[1]: must be 100-599, got 42")),
        Arguments.of("verify path that breaks out of the shell quotes", VALID.replace("      mode: SIMPLE\n",
                "      mode: SIMPLE\n    verify: {path: \"/x'; rm -rf /; '\"}\n"),
            List.of(":33:20: error: externalServices[0].verify.path: must be a request path starting with '/', such as "
                + "/status/200 or /health?full=1 (no spaces or quotes), got '/x'; rm -rf /; ''")),
        Arguments.of("verify switch misspelt", VALID + "verify:\n  enable: true\n",
            List.of(":34:3: error: verify.enable: unknown key (did you mean 'enabled'?)")),
        Arguments.of("consumer naming a missing workspace",
            VALID.replace("    gatewayPort: http\n", "    gatewayPort: http\n    consumers: [app1, app9]\n"),
            List.of(":26:23: error: externalServices[0].consumers[1]: no app workspace named 'app9'; consumers are app "
                + "workspaces (known: app1)")),
        Arguments.of("key material as credentialName", VALID.replace("      mode: SIMPLE",
                "      mode: SIMPLE\n      credentialName: \"-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIU\\n-----END CERTIFICATE-----\""),
            List.of(":33:23: error: externalServices[0].tlsOrigination.credentialName: the value looks like a PEM block "
                + "(key or certificate) ('----***'); secrets never enter the GitOps repository: keep them in a Kubernetes "
                + "Secret (or the CI's credential store) and reference it by name")),
        Arguments.of("base64 key body as credentialName", VALID.replace("      mode: SIMPLE",
                "      mode: SIMPLE\n      credentialName: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
            List.of(":33:23: error: externalServices[0].tlsOrigination.credentialName: must be the name of a Secret in the "
                + "egress gateway's namespace (a DNS-1123 name such as ledger-ca), never key or certificate material, got "
                + "'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'")),
        Arguments.of("mesh port on the service's HTTPS port",
            VALID.replace("    gatewayPort: http\n", "    gatewayPort: http\n    meshPort: 443\n"),
            List.of(":26:15: error: externalServices[0].meshPort: apps call httpbin.external on port 443 over plain HTTP, "
                + "but that is the service's HTTPS port 'https', where no HTTP route applies; set "
                + "externalServices[0].meshPort to a port the service does not use (80 unless taken)")),
        Arguments.of("two services on one gateway path", VALID.replace("externalServices:\n",
                "externalServices:\n  - name: other\n    host: other.org\n    workspace: app1\n    gatewayPort: http\n"
                    + "    ports: [{name: https, number: 443, protocol: HTTPS}]\n    tlsOrigination: {port: 443, mode: SIMPLE}\n"),
            List.of(":31:18: error: externalServices[1].gatewayPort: external services 'other' and 'httpbin' share egress "
                + "gateway port 'http'; one SNI per gateway path: give each service its own port in gateways.egress.ports")),
        Arguments.of("single form without its remote cluster", VALID.replace("  remote:\n    name: edge2\n", ""),
            List.of(":2:3: error: clusters.remote: missing: name one local cluster (egress gateway) and one remote cluster "
                + "as clusters.local and clusters.remote, or list any number as clusters.workload [{name, role: "
                + "local|remote, region}]")),
        Arguments.of("fleet and single form at once", FLEET.replace("    name: hub\n", "    name: hub\n  local:\n    name: edge9\n"),
            List.of(":5:5: error: clusters.local: name the workload clusters either as clusters.local and clusters.remote "
                + "(one of each) or as the clusters.workload list, not both")),
        Arguments.of("fleet: a workload cluster named like mgmt", FLEET.replace("    - name: edge2", "    - name: hub"),
            List.of(":7:13: error: clusters.workload[1].name: duplicate cluster name 'hub' (also clusters.mgmt.name); "
                + "every cluster needs its own name")),
        Arguments.of("fleet: two clusters on one network", FLEET.replace("      region: eu\n", "      region: eu\n      network: edge1\n"),
            List.of(":10:16: error: clusters.workload[1].network: network 'edge1' is also the network of "
                + "clusters.workload[0].name; each workload cluster needs its own Istio network, since traffic between "
                + "clusters crosses their east-west gateways")),
        Arguments.of("fleet: no egress cluster", FLEET.replace("      role: local\n", "      role: remote\n"),
            List.of(":5:5: error: clusters.workload: no cluster has role local: a fleet needs at least one egress cluster "
                + "(role: local), which runs the egress gateway")),
        Arguments.of("fleet: unknown role", FLEET.replace("      role: local\n", "      role: egress\n"),
            List.of(":6:13: error: clusters.workload[0].role: must be one of local, remote, got 'egress'")),
        Arguments.of("fleet: workspace on an unknown cluster", FLEET.replace("clusters: [edge1]", "clusters: [edge7]"),
            List.of(":21:18: error: workspaces.apps[0].clusters[0]: no workload cluster named 'edge7'; known: edge1, edge2")),
        Arguments.of("fleet: workspace on the management cluster", FLEET.replace("clusters: [edge1]", "clusters: [hub]"),
            List.of(":21:18: error: workspaces.apps[0].clusters[0]: 'hub' is the management cluster; app namespaces "
                + "live on workload clusters (known: edge1, edge2)")),
        Arguments.of("fleet: workspace that says nowhere", FLEET.replace("      clusters: [edge1]\n", ""),
            List.of(":19:7: error: workspaces.apps[0].clusters: say where the namespaces of 'app1' live: clusters (a list "
                + "of workload cluster names) or cluster (local or remote: every cluster of that role)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void render_badEnvironment_reportsEachProblemAndWritesNothing(String name, String yaml, List<String> expected)
      throws Exception {
    Path file = sources.environments().resolve("good.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    TestProject.Result r = TestProject.render(sources, out, "--env", "example", "--env", "good");

    assertEquals(1, r.exit(), r.err());
    List<String> reported = r.err().lines().filter(l -> l.startsWith(file.toString())).toList();
    assertEquals(expected.stream().map(e -> file + e).toList(), reported, r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertEquals(before, TestProject.snapshot(out), "output changed after a failed render");
  }

  @Test
  void validateAll_copyOfExample_isRefusedNamingBothFilesAndLines() throws Exception {
    Path example = sources.environments().resolve("example.yaml");
    Path qa = sources.environments().resolve("qa.yaml");
    Files.copy(example, qa);
    List<String> args = new java.util.ArrayList<>(List.of("validate"));
    args.addAll(TestProject.sourceArgs(sources));
    args.add("--all");
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));

    assertEquals(1, r.exit(), r.err());
    List<String> errors = r.out().lines().filter(l -> l.contains(": error: ")).toList();
    assertEquals(3, errors.size(), r.out());
    // One error per cluster role, at the line of qa.yaml that names the cluster, naming example.yaml's.
    String[][] roles = {{"mgmt", "6", "mgmt", "Namespace app1-configs, Namespace app2-configs, Namespace ops-config"},
        {"local", "10", "cluster1", "Namespace gm-iop-1-16, Namespace istio-egress, IstioOperator gm-iop-1-16/istio-egress-cluster1-1-16"},
        {"remote", "12", "cluster2", "DestinationRule app2/istio-egressgateway-1-16-svc"}};
    for (int i = 0; i < roles.length; i++) {
      String[] role = roles[i];
      String property = "clusters." + role[0] + ".name";
      String prefix = qa + ":" + role[1] + ":11: error: " + property + ": environments 'example' (" + property + " at "
          + example + ":" + role[1] + ":11) and 'qa' both own ";
      assertTrue(errors.get(i).startsWith(prefix), errors.get(i));
      assertTrue(errors.get(i).contains(" on cluster '" + role[2] + "': " + role[3]), errors.get(i));
      assertTrue(errors.get(i).endsWith("; each would overwrite or prune the other's. Give one of them its own cluster, "
          + "or its own namespaces and names [one-owner-per-cluster]"), errors.get(i));
    }
  }

  @Test
  void renderAll_copyOfExample_writesNothing() throws Exception {
    Files.copy(sources.environments().resolve("example.yaml"), sources.environments().resolve("qa.yaml"));
    TestProject.Result r = TestProject.render(sources, out, "--all");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("[one-owner-per-cluster]"), r.err());
    assertEquals(before, TestProject.snapshot(out), "output changed after a refused render");
  }

  @Test
  void validateAll_sameClusterOtherNames_isClean() throws Exception {
    // good moves onto example's remote cluster, with its own namespaces and mesh-wide names: nothing is owned twice.
    Files.writeString(sources.environments().resolve("good.yaml"), VALID.replace("    name: edge2", "    name: cluster2")
        + "mesh:\n  peerAuthentication:\n    name: good-mtls\n");
    List<String> args = new java.util.ArrayList<>(List.of("validate"));
    args.addAll(TestProject.sourceArgs(sources));
    args.add("--all");
    TestProject.Result r = TestProject.run(args.toArray(String[]::new));

    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void render_invalidUtf8_pointsAtTheByte() throws Exception {
    Path file = sources.environments().resolve("good.yaml");
    byte[] bad = "clusters:\n  mgmt: \"caf\u00e9\"\n".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 3] = (byte) 0xff;
    Files.write(file, bad);
    TestProject.Result r = TestProject.render(sources, out, "--env", "good");
    assertEquals(1, r.exit());
    assertEquals(file + ":2:13: error: invalid UTF-8 (byte offset 22); save the file as UTF-8", r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_hugeFile_isRefusedBeforeParsing() throws Exception {
    Path file = sources.environments().resolve("good.yaml");
    Files.writeString(file, "# " + "x".repeat(2 << 20) + "\n");
    TestProject.Result r = TestProject.render(sources, out, "--env", "good");
    assertEquals(1, r.exit());
    assertEquals(file + ": error: file is 2097155 bytes, over the limit of 1048576 for a property file",
        r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_badSharedDefault_pointsAtTheDefaultsFileThatSetIt() throws Exception {
    Path defaults = sources.environments().resolve("_defaults.yaml");
    String text = Files.readString(defaults);
    Files.writeString(defaults, text.replace("    serviceType: NodePort", "    serviceType: NodePrt"));
    int line = (int) text.substring(0, text.indexOf("    serviceType: NodePort")).lines().count() + 1;
    TestProject.Result r = TestProject.render(sources, out, "--env", "good");
    assertEquals(1, r.exit());
    assertEquals(defaults + ":" + line + ":18: error: gateways.egress.serviceType: must be one of ClusterIP, NodePort, "
        + "LoadBalancer, got 'NodePrt'", r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_missingEnvironment_namesTheKnownOnes() {
    TestProject.Result r = TestProject.render(sources, out, "--env", "prod");
    assertEquals(1, r.exit());
    assertEquals(sources.environments().resolve("prod.yaml")
        + ": error: environment 'prod' not found; known: example, fleet, good, multi-region, partners", r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_environmentNameWithPath_isAUsageError() {
    TestProject.Result r = TestProject.render(sources, out, "--env", "../x");
    assertEquals(64, r.exit());
    assertEquals("meshgen render: --env '../x': an environment name is a plain name (lower-case letters, digits, '-'), not a path",
        r.err().lines().findFirst().orElseThrow());
  }

  @Test
  void render_badSet_reportsTheOverride() {
    TestProject.Result r = TestProject.render(sources, out, "--env", "good", "--set", "externalServices[3].host=x.org");
    assertEquals(1, r.exit());
    assertEquals("--set externalServices[3].host=x.org: error: externalServices[3]: no such item: the list has 1 item(s)",
        r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_templateSyntaxError_namesTemplateLineAndKeepsOutput() throws Exception {
    Path template = sources.templates().resolve("peerauthentication.yaml.ftl");
    Files.writeString(template, Files.readString(template).replace("${mode}", "${mode"));
    TestProject.Result r = TestProject.render(sources, out, "--env", "example");
    assertEquals(1, r.exit());
    assertEquals(template + ":7:17: error: template syntax: Unexpected end of file reached. You have an unclosed \"{\". "
        + "Check if the FreeMarker end-tags are present, and aren't malformed. (Note that FreeMarker end-tags must have # or @ after the / character.)",
        r.err().lines().findFirst().orElseThrow());
    assertEquals(before, TestProject.snapshot(out));
  }

  @Test
  void render_stackTraceOnlyWhenAsked() {
    TestProject.Result plain = TestProject.render(sources, out, "--env", "prod");
    TestProject.Result traced = TestProject.render(sources, out, "--env", "prod", "--stacktrace");
    assertFalse(plain.err().contains("\tat "));
    assertEquals(true, traced.err().contains("\tat dev.meshgen."));
  }
}
