package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own schemas, shipped as resources beside this class (in subfolders by source): one
 * per kind meshgen renders, and {@code common.json} with the shapes they share (Kubernetes metadata). Each
 * kind's schema names its apiVersion and kind with {@code const}, which is how it is found.
 */
final class BuiltInSchemas {
  static final String BASE = "https://meshgen.dev/schema/";
  static final String COMMON = "common.json";

  /** Every resource in this folder; a test checks the list is complete. */
  static final List<String> FILES = List.of(
      COMMON,
      "gloo/externalendpoint.json",
      "gloo/externalservice.json",
      "gloo/virtualdestination.json",
      "gloo/virtualgateway.json",
      "gloo/routetable.json",
      "gloo/workspace.json",
      "gloo/workspacesettings.json",
      "gloo/roottrustpolicy.json",
      "gloo/outlierdetectionpolicy.json",
      "gloo/istiooperator.json",
      "istio/destinationrule.json",
      "istio/peerauthentication.json",
      "flux/gitrepository.json",
      "flux/kustomization.json",
      "argocd/application.json",
      "kubernetes/job.json",
      "kubernetes/namespace.json",
      "kustomize/kustomization.json",
      "kustomize/component.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private BuiltInSchemas() {}

  /** Every schema document by its {@code $id}. */
  static Map<String, JsonNode> load() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String file : FILES) {
      try (InputStream in = BuiltInSchemas.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing built-in schema " + file);
        }
        JsonNode schema = JSON.readTree(in);
        String id = schema.path("$id").asText();
        if (!id.equals(BASE + file)) {
          throw new IllegalStateException(file + ": $id must be " + BASE + file + ", is " + id);
        }
        out.put(id, schema);
      } catch (IOException e) {
        throw new UncheckedIOException(file, e);
      }
    }
    return out;
  }

  /** {@code apiVersion/kind} of a kind's schema, from its {@code const}s; null for shared parts. */
  static String kindOf(JsonNode schema) {
    JsonNode properties = schema.path("properties");
    String apiVersion = properties.path("apiVersion").path("const").asText("");
    String kind = properties.path("kind").path("const").asText("");
    return apiVersion.isEmpty() || kind.isEmpty() ? null : apiVersion + "/" + kind;
  }
}
