package dev.meshgen.schema.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates meshgen's bundled Gloo Mesh 2.2.8 (and IstioOperator) schemas, with their LICENSE and
 * SOURCE.md, from the Gloo 2.2.8 API protos; GlooUpstreamSchemasTest compares and re-approves them.
 */
public final class GlooSchemaGenerator {
  /** Where the files go, under the schema resources, and the {@code $id} prefix they get. */
  public static final String FOLDER = "gloo/";
  static final String BASE = "https://meshgen.dev/schema/";
  static final String METADATA = BASE + "common.json#/$defs/objectMeta";

  /** A resource kind: its file, apiVersion, kind and the proto message of its spec. */
  record Kind(String file, String apiVersion, String kind, String spec) {}

  static final List<Kind> KINDS = List.of(
      new Kind("externalendpoint.json", "networking.gloo.solo.io/v2", "ExternalEndpoint", "networking.gloo.solo.io.ExternalEndpointSpec"),
      new Kind("externalservice.json", "networking.gloo.solo.io/v2", "ExternalService", "networking.gloo.solo.io.ExternalServiceSpec"),
      new Kind("virtualdestination.json", "networking.gloo.solo.io/v2", "VirtualDestination", "networking.gloo.solo.io.VirtualDestinationSpec"),
      new Kind("virtualgateway.json", "networking.gloo.solo.io/v2", "VirtualGateway", "networking.gloo.solo.io.VirtualGatewaySpec"),
      new Kind("routetable.json", "networking.gloo.solo.io/v2", "RouteTable", "networking.gloo.solo.io.RouteTableSpec"),
      new Kind("workspace.json", "admin.gloo.solo.io/v2", "Workspace", "admin.gloo.solo.io.WorkspaceSpec"),
      new Kind("workspacesettings.json", "admin.gloo.solo.io/v2", "WorkspaceSettings", "admin.gloo.solo.io.WorkspaceSettingsSpec"),
      new Kind("roottrustpolicy.json", "admin.gloo.solo.io/v2", "RootTrustPolicy", "admin.gloo.solo.io.RootTrustPolicySpec"),
      new Kind("outlierdetectionpolicy.json", "resilience.policy.gloo.solo.io/v2", "OutlierDetectionPolicy", "resilience.policy.gloo.solo.io.OutlierDetectionPolicySpec"),
      new Kind("istiooperator.json", "install.istio.io/v1alpha1", "IstioOperator", "common.gloo.solo.io.IstioOperatorSpec"));

  private GlooSchemaGenerator() {}

  /**
   * Every file of the folder by name ({@code routetable.json}, {@code LICENSE}, {@code SOURCE.md}),
   * generated from {@code apis}: folders that each hold the same {@code LICENSE} and part of
   * {@code gloo.solo.io/}, read as one set of protos (the shared reference folder, then the policy
   * protos kept in the repository).
   */
  public static Map<String, String> generate(List<Path> apis) {
    String license = read(apis.get(0).resolve("LICENSE"));
    for (Path api : apis) {
      if (!read(api.resolve("LICENSE")).equals(license)) {
        throw new IllegalStateException(api + "/LICENSE differs from " + apis.get(0) + "/LICENSE; one LICENSE is bundled");
      }
    }
    ProtoTypes types = ProtoTypes.readFolders(apis.stream().map(api -> api.resolve("gloo.solo.io")).toList());
    Map<String, String> out = new TreeMap<>();
    StringBuilder open = new StringBuilder();
    for (Kind k : KINDS) {
      checkPackage(k);
      JsonSchemaGenerator.Result result = JsonSchemaGenerator.resource(types, k.spec(), BASE + FOLDER + k.file(),
          k.kind() + " (" + k.apiVersion() + "): generated from the Gloo Mesh 2.2.8 API protos, spec = " + k.spec()
              + "; do not edit, see SOURCE.md",
          k.apiVersion(), k.kind(), METADATA);
      out.put(k.file(), StableJson.write(result.schema()));
      for (JsonSchemaGenerator.OpenSpot spot : result.openSpots()) {
        open.append("- ").append(k.file()).append(": `").append(spot.field()).append("` (").append(spot.type()).append(")\n");
      }
    }
    out.put("LICENSE", license);
    out.put("SOURCE.md", source(open.toString()));
    return out;
  }

  /** The Gloo kinds' apiVersion is their spec's proto package plus /v2; a typo in KINDS fails here. */
  private static void checkPackage(Kind k) {
    if (k.kind().equals("IstioOperator")) {
      return; // Istio's own group; Gloo keeps its copy of the message in common.gloo.solo.io
    }
    String pkg = k.spec().substring(0, k.spec().lastIndexOf('.'));
    if (!k.apiVersion().equals(pkg + "/v2") || !k.spec().endsWith("." + k.kind() + "Spec")) {
      throw new IllegalStateException(k + ": apiVersion and spec do not match the proto package");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String source(String openSpots) {
    StringBuilder table = new StringBuilder();
    for (Kind k : KINDS) {
      table.append("| ").append(k.file()).append(" | ").append(k.apiVersion()).append(" ").append(k.kind())
          .append(" | ").append(k.spec()).append(" |\n");
    }
    return """
        # Gloo Mesh 2.2.8 resource schemas (generated)

        JSON Schemas (draft 2020-12) of the Gloo Mesh 2.2 kinds meshgen renders, and of IstioOperator,
        generated from the Gloo Mesh 2.2.8 API protocol buffer definitions: github.com/solo-io/solo-apis,
        tag gloo-mesh-v2.2.8, api/gloo.solo.io/{networking,admin,common}/v2/ and
        api/gloo.solo.io/policy/v2/resilience/ (Apache-2.0; LICENSE beside this file is upstream's).
        meshgen keeps those protos unmodified: networking, admin and common in its shared reference
        folder, reference/gloo-2.2.8-api; the resilience policies in the repository,
        src/test/resources/upstream/gloo-2.2.8-api (its SOURCE.md names commit and paths). Solo's
        published 2.2 CRDs carry no schema (every spec is x-kubernetes-preserve-unknown-fields), so the
        protos are the only machine-readable source.

        Do not edit these files. They are generated by `dev.meshgen.schema.gen.GlooSchemaGenerator`
        (src/test/java: a build-time tool, not part of meshgen) and `GlooUpstreamSchemasTest` fails when a
        file here differs from what the protos give. Regenerate them with
        `MESHGEN_APPROVE=1 mvn -B test -Dtest=GlooUpstreamSchemasTest`.

        | File | apiVersion kind | spec message |
        | --- | --- | --- |
        %s
        istiooperator.json is here because its source is in the same folder under the same license:
        common/v2/istio_operator.proto is Gloo's copy of istio/api's operator.proto (IstioOperatorSpec),
        which Gloo's IstioLifecycleManager embeds.

        ## Mapping (proto3 JSON)

        - A field's name is its `json_name`, else proto3's lowerCamelCase of its name. proto3 JSON parsers
          also accept the original snake_case names; these schemas do not.
        - string, bytes: string. bool: boolean. double, float: number. int32, sint32, sfixed32: integer
          with 32-bit bounds; uint32, fixed32: integer 0-4294967295. 64-bit integers: an integer or a
          string of digits (proto3 JSON writes them as strings).
        - Enums: the value names only (proto3 JSON also accepts the numbers).
        - BoolValue, StringValue, Int32Value, UInt32Value, DoubleValue: their scalar. Duration: a string
          of seconds such as `10s` or `1.5s`. Struct: any mapping. Value: any value. ListValue: any list.
          Empty: `{}` only. Any: a mapping with `@type`.
        - Messages: `$defs` named by full proto name, unknown fields refused; recursion through `$ref`.
        - A one-of: at most one of its members (proto3 refuses two; none is allowed).
        - Nothing is required: proto3 has no required fields. Only the resource envelope requires
          apiVersion, kind, metadata and spec; metadata is meshgen's common.json `objectMeta`; there is
          no status (the cluster writes it).

        ## Open spots

        Fields whose type is defined in a proto outside the folder (Kubernetes, skv2 core, rate limiter,
        CA options, GraphQL). The schemas accept any mapping there and check nothing inside it:

        %s""".formatted(table, openSpots);
  }
}
