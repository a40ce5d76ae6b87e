package dev.meshgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@link ResourceSchemas#validate} does with files that are not a well-formed resource, and the other built-in kinds. */
class ResourceSchemasTest {
  private static List<String> check(String file, String yaml) {
    return ResourceSchemas.builtIn().validate(file, yaml).stream().map(Diagnostic::toString).toList();
  }

  @Test
  void builtIn_listsEverySchemaFileInTheResourceFolder() throws IOException {
    Path folder = TestProject.root().resolve("src/main/resources/dev/meshgen/schema");
    try (Stream<Path> files = Files.walk(folder)) {
      assertEquals(files.filter(f -> f.toString().endsWith(".json")).map(f -> folder.relativize(f).toString().replace('\\', '/')).sorted().toList(),
          BuiltInSchemas.FILES.stream().sorted().toList());
    }
    assertEquals(List.of(
            "admin.gloo.solo.io/v2/RootTrustPolicy",
            "admin.gloo.solo.io/v2/Workspace",
            "admin.gloo.solo.io/v2/WorkspaceSettings",
            "argoproj.io/v1alpha1/Application",
            "batch/v1/Job",
            "install.istio.io/v1alpha1/IstioOperator",
            "kustomize.config.k8s.io/v1alpha1/Component",
            "kustomize.config.k8s.io/v1beta1/Kustomization",
            "kustomize.toolkit.fluxcd.io/v1/Kustomization",
            "networking.gloo.solo.io/v2/ExternalEndpoint",
            "networking.gloo.solo.io/v2/ExternalService",
            "networking.gloo.solo.io/v2/RouteTable",
            "networking.gloo.solo.io/v2/VirtualDestination",
            "networking.gloo.solo.io/v2/VirtualGateway",
            "networking.istio.io/v1beta1/DestinationRule",
            "resilience.policy.gloo.solo.io/v2/OutlierDetectionPolicy",
            "security.istio.io/v1beta1/PeerAuthentication",
            "source.toolkit.fluxcd.io/v1/GitRepository",
            "v1/Namespace"),
        List.copyOf(ResourceSchemas.builtIn().kinds().keySet()));
  }

  @Test
  void validate_invalidYaml_reportsSyntaxErrorAtLine() {
    assertEquals(
        List.of("x.yaml:4:18: error: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>"),
        check("x.yaml", "# header\napiVersion: v1\nkind: Namespace\nmetadata: {name: [x\n"));
  }

  @Test
  void validate_twoDocuments_reportsTheSecond() {
    assertEquals(List.of("x.yaml:5:1: error: a resource file holds one YAML document; remove the second '---' document"),
        check("x.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\n"));
  }

  @Test
  void validate_duplicateKey_reportsBothLines() {
    assertEquals(List.of("x.yaml:6:3: error: metadata.name: duplicate key (first written at line 5)"),
        check("x.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n".replace("apiVersion", "# header\napiVersion")));
  }

  @Test
  void validate_missingKindOrNotAMapping_reportsIt() {
    assertEquals(List.of("x.yaml:1:1: error: kind: required"), check("x.yaml", "apiVersion: v1\nmetadata: {name: a}\n"));
    assertEquals(List.of("x.yaml:2:7: error: kind: must be a non-empty string"), check("x.yaml", "apiVersion: v1\nkind: 3\n"));
    assertEquals(List.of("x.yaml:1:1: error: a resource must be a mapping with apiVersion, kind and metadata"),
        check("x.yaml", "- a\n- b\n"));
  }

  @Test
  void validate_namespaceNameNotADnsLabel_reportsIt() {
    assertEquals(
        List.of("ns.yaml:4:9: error: metadata.name: must be a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit), got 'app1.configs'"),
        check("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app1.configs\n"));
  }

  @Test
  void validate_peerAuthenticationBadMode_reportsEnum() {
    assertEquals(
        List.of("pa.yaml:8:11: error: spec.mtls.mode: must be one of UNSET, DISABLE, PERMISSIVE, STRICT, got 'STRICTER'"),
        check("pa.yaml", """
            apiVersion: security.istio.io/v1beta1
            kind: PeerAuthentication
            metadata:
              name: default
              namespace: istio-system
            spec:
              mtls:
                mode: STRICTER
            """));
  }

  @Test
  void validate_istioOperatorUnknownK8sField_andNegativeReplicaCount_areReported() {
    assertEquals(
        List.of(
            "iop.yaml:12:23: error: spec.components.egressGateways[0].k8s.replicaCount: must be 0-4294967295, got -1",
            "iop.yaml:13:9: error: spec.components.egressGateways[0].k8s.serviceAnnotation: unknown field 'serviceAnnotation' (did you mean 'serviceAnnotations'?)"),
        check("iop.yaml", """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            metadata:
              name: istio-egress-cluster1-1-16
              namespace: gm-iop-1-16
            spec:
              profile: empty
              components:
                egressGateways:
                - name: istio-egressgateway-1-16
                  k8s:
                    replicaCount: -1
                    serviceAnnotation:
                      team: mesh
            """));
  }
}
