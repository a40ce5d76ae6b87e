package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.yaml.JsonTree;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Strict schemas for the resources meshgen renders, by apiVersion and kind, and the check of one
 * rendered resource against them. Unknown fields are refused everywhere.
 *
 * <p>{@link #builtIn()} holds the project's own schemas: the Gloo Mesh 2.2 kinds and IstioOperator
 * generated from the Gloo 2.2.8 API protos (see {@code gloo/SOURCE.md}), DestinationRule and
 * PeerAuthentication converted from Istio 1.16.7's CRDs, and Namespace. {@link #fromCrds(List)} adds the user's own CustomResourceDefinitions on top.
 *
 * <p>Instances are immutable and safe to share between threads. A kind's schema is read and
 * compiled the first time a resource of that kind is checked, so a run pays only for the kinds it
 * renders.
 */
public final class ResourceSchemas {
  private static final String CRD_BASE = "https://meshgen.dev/crd/";

  private final KindSchemas schemas;
  private final SortedMap<String, String> origins;
  private final SchemaDocuments documents;
  private final List<Diagnostic> warnings;

  private ResourceSchemas(KindSchemas schemas, SortedMap<String, String> origins, List<Diagnostic> warnings) {
    this.schemas = schemas;
    this.origins = Collections.unmodifiableSortedMap(new TreeMap<>(origins));
    this.documents = new SchemaDocuments(schemas::document);
    this.warnings = List.copyOf(warnings);
  }

  private static final class BuiltIn {
    static final ResourceSchemas INSTANCE = bundled();
  }

  /** The project's own schemas, shared; each kind's is read and compiled when first needed. */
  public static ResourceSchemas builtIn() {
    return BuiltIn.INSTANCE;
  }

  /**
   * The schemas of the CustomResourceDefinitions in {@code paths} (files or folders; every
   * {@code *.yaml}, {@code *.yml} and {@code *.json} in a folder and its subfolders, each document
   * of kind {@code CustomResourceDefinition}, or a {@code List} of them as {@code kubectl get crd
   * -o yaml} prints), on top of the built-in ones.
   *
   * <p>Each served version's {@code openAPIV3Schema} is converted the way kubeconform's
   * {@code openapi2jsonschema} does in strict mode (see {@code CrdConverter}). A kind a CRD
   * defines replaces the built-in schema for that apiVersion and kind; every other kind keeps its
   * built-in schema. When two CRDs define the same apiVersion and kind, the later path wins.
   *
   * @throws MeshgenException naming the file when a path is missing, a file is not readable YAML,
   *     a CRD lacks its group or kind, or no CRD with a schema was found at all
   */
  public static ResourceSchemas fromCrds(List<Path> paths) throws MeshgenException {
    Objects.requireNonNull(paths, "paths");
    ResourceSchemas base = builtIn();
    Map<String, JsonNode> crdDocuments = new LinkedHashMap<>();
    SortedMap<String, String> origins = new TreeMap<>(base.origins);
    Map<String, String> idByKind = new LinkedHashMap<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (CrdReader.CrdVersion version : CrdReader.read(paths)) {
      String key = version.apiVersion() + "/" + version.kind();
      if (base.schemas.has(key) && CrdConverter.isOpen(version.openApiSchema())) {
        // --crds only ever adds strictness: an open spec (Solo publishes every Gloo 2.2 kind so)
        // would turn every typo into no finding at all.
        warnings.add(Diagnostic.warning(Location.ofFile(version.file()), "",
            "the CRD for " + key + " leaves spec open (x-kubernetes-preserve-unknown-fields); "
                + "meshgen keeps its strict built-in schema for this kind").withRule(Diagnostic.SCHEMA));
        continue;
      }
      String id = CRD_BASE + key + ".json";
      crdDocuments.put(id, CrdConverter.convert(version.openApiSchema(), id, false));
      origins.put(key, version.file());
      idByKind.put(key, id);
    }
    return new ResourceSchemas(base.schemas.with(idByKind, crdDocuments), origins, warnings.stream().distinct().toList());
  }

  /** A new set of the built-in schemas, none compiled yet: {@link #builtIn()} shares one. */
  static ResourceSchemas bundled() {
    SortedMap<String, String> origins = new TreeMap<>();
    BuiltInSchemas.KINDS.keySet().forEach(kind -> origins.put(kind, "built-in"));
    return new ResourceSchemas(KindSchemas.bundled(), origins, List.of());
  }

  /** The kinds whose schemas this set has compiled so far. */
  java.util.Set<String> compiledKinds() {
    return schemas.compiledKinds();
  }

  /** What loading the user's CRDs noticed, such as an open CRD that did not replace a strict schema. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /**
   * Every apiVersion/kind this set has a schema for ({@code networking.istio.io/v1beta1/DestinationRule}),
   * with where the schema came from: {@code built-in} or the CRD file.
   */
  public SortedMap<String, String> kinds() {
    return origins;
  }

  /**
   * Checks one manifest against the schema of its apiVersion and kind. Returns one error per
   * violation, sorted, each at the line and column of the offending field (a scalar's value; a
   * mapping's or list's key; for a missing field, the mapping that lacks it), with its path such
   * as {@code spec.ports[0].number}. Empty means valid. A document whose apiVersion/kind has no
   * schema gets the error {@code no schema for <apiVersion>/<kind>}: nothing meshgen writes goes
   * unchecked.
   */
  public List<Diagnostic> validate(Manifest manifest) {
    Objects.requireNonNull(manifest, "manifest");
    return bySchema(validate(manifest.file(), manifest.root()));
  }

  /**
   * Checks one resource file's text ({@code file} is the name to report): parsed with the same
   * reader as every rendered document, then as {@link #validate(Manifest)}.
   */
  public List<Diagnostic> validate(String file, String yaml) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(yaml, "yaml");
    try {
      return bySchema(validate(file, Yaml.readOne(file, yaml, Yaml.Limits.RESOURCE)));
    } catch (MeshgenException e) {
      return e.diagnostics();
    }
  }

  /**
   * Checks a hand-kept strategic-merge patch ({@code file} is the name to report) against the
   * schema of the apiVersion and kind it patches, leniently: a patch is partial, so a required
   * field it leaves out is no finding, nor is a strategic-merge directive such as {@code $patch};
   * unknown fields and wrong types are errors. Empty when the kind has no schema here.
   */
  public List<Diagnostic> validatePatch(String file, YamlNode root) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
    YamlNode apiVersion = root.path("apiVersion");
    YamlNode kind = root.path("kind");
    if (!apiVersion.isTextual() || !kind.isTextual() || !schemas.has(apiVersion.asText() + "/" + kind.asText())) {
      return List.of();
    }
    return bySchema(validate(file, root).stream().filter(d -> !partial(d)).toList());
  }

  /** What a partial document may lack or add: required fields, "set one of" choices, strategic-merge directives. */
  private static boolean partial(Diagnostic d) {
    return d.message().equals("required") || d.message().startsWith("must set exactly one of")
        || d.message().startsWith("must set at least one of") || d.message().startsWith("unknown field '$")
        || d.path().contains("$");
  }

  private static List<Diagnostic> bySchema(List<Diagnostic> findings) {
    return findings.stream().map(d -> d.withRule(Diagnostic.SCHEMA)).toList();
  }

  private List<Diagnostic> validate(String file, YamlNode node) {
    JsonNode root = JsonTree.of(node);
    if (root.isObject() && root.path("apiVersion").isTextual() && root.path("kind").isTextual()) {
      // Most documents are valid: positions, which only findings need, are looked up below.
      Schema schema = schemas.schema(root.get("apiVersion").asText() + "/" + root.get("kind").asText());
      if (schema != null && schema.validate(root).isEmpty()) {
        return List.of();
      }
    }
    LocatedYaml document = LocatedYaml.of(node, root);
    if (!root.isObject()) {
      return List.of(Diagnostic.error(location(file, document.valueAt("")), "", "a resource must be a mapping with apiVersion, kind and metadata"));
    }
    List<Diagnostic> missing = new ArrayList<>();
    for (String field : List.of("apiVersion", "kind")) {
      if (!root.path(field).isTextual() || root.path(field).asText().isEmpty()) {
        LocatedYaml.Position at = root.has(field) ? document.valueAt("/" + field) : document.valueAt("");
        missing.add(Diagnostic.error(location(file, at), field, root.has(field) ? "must be a non-empty string" : "required"));
      }
    }
    if (!missing.isEmpty()) {
      return missing;
    }
    String key = root.get("apiVersion").asText() + "/" + root.get("kind").asText();
    Schema schema = schemas.schema(key);
    if (schema == null) {
      return List.of(Diagnostic.error(location(file, document.valueAt("/kind")), "", "no schema for " + key));
    }
    List<Error> errors = schema.validate(root);
    return Findings.of(file, document, errors, documents);
  }

  private static Location location(String file, LocatedYaml.Position at) {
    return at == null || at.line() <= 0 ? Location.ofFile(file) : new Location(file, at.line(), at.column());
  }
}
