package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.schema.gen.GlooSchemaGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bundled Gloo Mesh schemas are exactly what the Gloo 2.2.8 API protos give, and accept the
 * 2.2.8 fields the hand-written ones refused. Re-approve with {@code MESHGEN_APPROVE=1 mvn -B test}.
 */
class GlooUpstreamSchemasTest {
  static final Path API = TestProject.root().resolve("../shared/reference/gloo-2.2.8-api");
  /** The policy protos the shared folder lacks, kept in the repository. */
  static final Path POLICY_API = TestProject.root().resolve("src/test/resources/upstream/gloo-2.2.8-api");
  static final List<Path> APIS = List.of(API, POLICY_API);
  static final Path BUNDLED = TestProject.root().resolve("src/main/resources/dev/meshgen/schema/" + GlooSchemaGenerator.FOLDER);

  @Test
  void bundledGlooSchemas_equalTheOnesGeneratedFromTheProtos() throws IOException {
    assumeApi();
    Map<String, String> expected = GlooSchemaGenerator.generate(APIS);
    if ("1".equals(System.getenv("MESHGEN_APPROVE")) && System.getenv("CI") == null) {
      approve(expected);
    }
    assertEquals(List.copyOf(expected.keySet()), bundledFiles(),
        "the files in " + BUNDLED + " (regenerate with MESHGEN_APPROVE=1 mvn -B test)");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), Files.readString(BUNDLED.resolve(e.getKey()), StandardCharsets.UTF_8),
          e.getKey() + " differs from what the Gloo 2.2.8 protos give; regenerate with MESHGEN_APPROVE=1 mvn -B test");
    }
  }

  @Test
  void generate_twice_givesTheSameBytes() {
    assumeApi();
    assertEquals(GlooSchemaGenerator.generate(APIS), GlooSchemaGenerator.generate(APIS));
  }

  @Test
  void validate_routeTableWithFieldsOf228_isValid() {
    assertEquals(List.of(), check("rt.yaml", """
        apiVersion: networking.gloo.solo.io/v2
        kind: RouteTable
        metadata:
          name: httpbin
          namespace: app1-configs
        spec:
          hosts:
          - httpbin.external
          http:
          - name: to-httpbin
            matchers:
            - port: 80
              uri:
                suffix: /get
            forwardTo:
              destinations:
              - ref:
                  name: httpbin
                kind: EXTERNAL_SERVICE
                port:
                  number: 80
          - name: delegated
            delegate:
              routeTables:
              - labels:
                  team: app1
              allowedRoutes:
              - cloudProvider:
                  aws:
                    regions:
                    - eu-west-1
        """));
  }

  @Test
  void validate_rootTrustPolicyWithAgentCa_isValid() {
    assertEquals(List.of(), check("rtp.yaml", """
        apiVersion: admin.gloo.solo.io/v2
        kind: RootTrustPolicy
        metadata:
          name: root-trust-policy
          namespace: gloo-mesh
        spec:
          config:
            agentCa:
              secretRef:
                name: ca
                namespace: istio-system
        """));
  }

  @Test
  void validate_redirectPrefixRewrite_reportsUnknownField() {
    assertEquals(
        List.of("rt.yaml:10:7: error: spec.http[0].redirect.prefixRewrite: unknown field 'prefixRewrite' (known fields: hostRedirect, pathRedirect, responseCode)"),
        check("rt.yaml", """
            apiVersion: networking.gloo.solo.io/v2
            kind: RouteTable
            metadata:
              name: httpbin
              namespace: app1-configs
            spec:
              http:
              - redirect:
                  hostRedirect: httpbin.org
                  prefixRewrite: /anything
            """));
  }

  @Test
  void validate_madeUpSpecField_reportsUnknownField() {
    assertEquals(
        List.of("rtp.yaml:7:3: error: spec.trustDomain: unknown field 'trustDomain' (known fields: applyToMeshes, config)"),
        check("rtp.yaml", """
            apiVersion: admin.gloo.solo.io/v2
            kind: RootTrustPolicy
            metadata:
              name: root-trust-policy
              namespace: gloo-mesh
            spec:
              trustDomain: cluster.local
            """));
  }

  @Test
  void validate_outlierDetectionPolicyOnAVirtualDestination_isValid() {
    assertEquals(List.of(), check("odp.yaml", """
        apiVersion: resilience.policy.gloo.solo.io/v2
        kind: OutlierDetectionPolicy
        metadata:
          name: egress-gateway
          namespace: gloo-mesh-config
        spec:
          applyToDestinations:
          - kind: VIRTUAL_DESTINATION
            selector:
              cluster: mgmt
              name: egress-gateway
              namespace: gloo-mesh-config
            port:
              number: 8080
          config:
            baseEjectionTime: 30s
            consecutiveErrors: 5
            interval: 5s
            maxEjectionPercent: 100
        """));
  }

  @Test
  void validate_outlierDetectionWithIstiosFieldName_suggestsGloosName() {
    // consecutive5xxErrors is the DestinationRule's name; Gloo's policy calls it consecutiveErrors
    assertEquals(
        List.of("odp.yaml:9:5: error: spec.config.consecutive5xxErrors: unknown field 'consecutive5xxErrors' (did you mean 'consecutiveErrors'?)"),
        check("odp.yaml", """
            apiVersion: resilience.policy.gloo.solo.io/v2
            kind: OutlierDetectionPolicy
            metadata:
              name: egress-gateway
              namespace: gloo-mesh-config
            spec:
              config:
                interval: 5s
                consecutive5xxErrors: 5
            """));
  }

  @Test
  void validate_outlierDetectionSelectorByRef_reportsUnknownField() {
    // Gloo 2.2.8's DestinationSelector selects by metadata only; later versions added ref
    assertEquals(
        List.of("odp.yaml:9:5: error: spec.applyToDestinations[0].ref: unknown field 'ref' (known fields: kind, port, selector)"),
        check("odp.yaml", """
            apiVersion: resilience.policy.gloo.solo.io/v2
            kind: OutlierDetectionPolicy
            metadata:
              name: egress-gateway
              namespace: gloo-mesh-config
            spec:
              applyToDestinations:
              - kind: VIRTUAL_DESTINATION
                ref:
                  name: egress-gateway
            """));
  }

  private static List<String> check(String file, String yaml) {
    return ResourceSchemas.builtIn().validate(file, yaml).stream().map(Diagnostic::toString).toList();
  }

  private static List<String> bundledFiles() throws IOException {
    try (Stream<Path> files = Files.list(BUNDLED)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static void approve(Map<String, String> expected) throws IOException {
    Files.createDirectories(BUNDLED);
    for (String stale : bundledFiles()) {
      if (!expected.containsKey(stale)) {
        Files.delete(BUNDLED.resolve(stale));
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Files.writeString(BUNDLED.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Skips the calling test when {@code ../shared} is absent; fails instead under CI, where it is always there. */
  private static void assumeApi() {
    String message = "Gloo 2.2.8 API protos not found at " + API + " (../shared is beside the checkout in CI)";
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(API), message);
    }
    Assumptions.assumeTrue(Files.isDirectory(API), "skipped: " + message);
  }
}
