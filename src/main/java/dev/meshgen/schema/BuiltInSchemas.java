package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshgen.yaml.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own schemas, shipped as resources beside this class (in subfolders by source): one
 * per kind meshgen renders, and {@code common.json} with the shapes they share (Kubernetes metadata).
 * Each file is what the build made of its upstream definition (a test regenerates it and compares
 * bytes), so nothing is converted at run time, and a file is only read when its kind is checked.
 */
final class BuiltInSchemas {
  static final String BASE = "https://meshgen.dev/schema/";
  static final String COMMON = "common.json";

  /**
   * The file of each kind, by {@code apiVersion/kind}: known without reading the files, so a run
   * reads only the schemas of the kinds it renders. A test checks it against each file's
   * {@code const}s.
   */
  static final Map<String, String> KINDS = kinds(
      "networking.gloo.solo.io/v2/ExternalEndpoint", "gloo/externalendpoint.json",
      "networking.gloo.solo.io/v2/ExternalService", "gloo/externalservice.json",
      "networking.gloo.solo.io/v2/VirtualDestination", "gloo/virtualdestination.json",
      "networking.gloo.solo.io/v2/VirtualGateway", "gloo/virtualgateway.json",
      "networking.gloo.solo.io/v2/RouteTable", "gloo/routetable.json",
      "admin.gloo.solo.io/v2/Workspace", "gloo/workspace.json",
      "admin.gloo.solo.io/v2/WorkspaceSettings", "gloo/workspacesettings.json",
      "admin.gloo.solo.io/v2/RootTrustPolicy", "gloo/roottrustpolicy.json",
      "resilience.policy.gloo.solo.io/v2/OutlierDetectionPolicy", "gloo/outlierdetectionpolicy.json",
      "install.istio.io/v1alpha1/IstioOperator", "gloo/istiooperator.json",
      "networking.istio.io/v1beta1/DestinationRule", "istio/destinationrule.json",
      "security.istio.io/v1beta1/PeerAuthentication", "istio/peerauthentication.json",
      "source.toolkit.fluxcd.io/v1/GitRepository", "flux/gitrepository.json",
      "kustomize.toolkit.fluxcd.io/v1/Kustomization", "flux/kustomization.json",
      "argoproj.io/v1alpha1/Application", "argocd/application.json",
      "batch/v1/Job", "kubernetes/job.json",
      "v1/Namespace", "kubernetes/namespace.json",
      "kustomize.config.k8s.io/v1beta1/Kustomization", "kustomize/kustomization.json",
      "kustomize.config.k8s.io/v1alpha1/Component", "kustomize/component.json");

  /** Every resource in this folder; a test checks the list is complete. */
  static final List<String> FILES = files();

  private BuiltInSchemas() {}

  private static Map<String, String> kinds(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<String> files() {
    List<String> out = new ArrayList<>();
    out.add(COMMON);
    out.addAll(KINDS.values());
    return List.copyOf(out);
  }

  /** The {@code $id} of a bundled file. */
  static String id(String file) {
    return BASE + file;
  }

  /** The bundled file of a built-in {@code $id}, or null when {@code id} names none. */
  static String file(String id) {
    if (!id.startsWith(BASE)) {
      return null;
    }
    String file = id.substring(BASE.length());
    return FILES.contains(file) ? file : null;
  }

  /** The bytes of a bundled file; the caller closes the stream. */
  static InputStream open(String file) {
    InputStream in = BuiltInSchemas.class.getResourceAsStream(file);
    if (in == null) {
      throw new IllegalStateException("missing built-in schema " + file);
    }
    return in;
  }

  /** A bundled file's schema, checked to carry the {@code $id} it is found by. */
  static JsonNode read(String file) {
    try (InputStream in = open(file)) {
      JsonNode schema = JsonTree.parse(in);
      String id = schema.path("$id").asText();
      if (!id.equals(id(file))) {
        throw new IllegalStateException(file + ": $id must be " + id(file) + ", is " + id);
      }
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(file, e);
    }
  }

  /** {@code apiVersion/kind} of a kind's schema, from its {@code const}s; null for shared parts. */
  static String kindOf(JsonNode schema) {
    JsonNode properties = schema.path("properties");
    String apiVersion = properties.path("apiVersion").path("const").asText("");
    String kind = properties.path("kind").path("const").asText("");
    return apiVersion.isEmpty() || kind.isEmpty() ? null : apiVersion + "/" + kind;
  }
}
