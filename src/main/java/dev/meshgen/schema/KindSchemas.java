package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.ResourceLoader;
import com.networknt.schema.serialization.NodeReader;
import dev.meshgen.yaml.JsonTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema of each apiVersion/kind, read and compiled the first time a resource of that kind is
 * checked: a run that renders ten kinds pays for ten, not for every bundled file (issue 14).
 * Compiled schemas are complete (every {@code $ref} resolved) before any thread uses them, so
 * checks run in parallel without locks.
 */
final class KindSchemas {
  /** Reads the documents the validator fetches itself ({@code $ref}s to common.json) without an ObjectMapper. */
  private static final NodeReader JSON = new NodeReader() {
    @Override
    public JsonNode readTree(String content, InputFormat format) throws IOException {
      return readTree(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), format);
    }

    @Override
    public JsonNode readTree(InputStream content, InputFormat format) throws IOException {
      if (format != InputFormat.JSON) {
        throw new IOException("meshgen's schemas are JSON, not " + format);
      }
      return JsonTree.parse(content);
    }
  };

  /** Serves the bundled files by their {@code $id}, straight from the class path. */
  private static final ResourceLoader BUNDLED = iri -> {
    String file = BuiltInSchemas.file(iri.toString());
    return file == null ? null : () -> BuiltInSchemas.open(file);
  };

  /** apiVersion/kind to the {@code $id} of its schema. */
  private final Map<String, String> idByKind;
  /** Schemas made at run time (the user's CRDs) by {@code $id}; every other id is a bundled file. */
  private final Map<String, JsonNode> made;
  /** The built-in set, whose compiled schemas this one shares for the kinds it does not replace; null for that set. */
  private final KindSchemas base;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
  private SchemaRegistry registry; // guarded by this

  private KindSchemas(Map<String, String> idByKind, Map<String, JsonNode> made, KindSchemas base) {
    this.idByKind = Map.copyOf(idByKind);
    this.made = Map.copyOf(made);
    this.base = base;
  }

  /** The bundled schemas; nothing is read yet. */
  static KindSchemas bundled() {
    Map<String, String> ids = new LinkedHashMap<>();
    BuiltInSchemas.KINDS.forEach((kind, file) -> ids.put(kind, BuiltInSchemas.id(file)));
    return new KindSchemas(ids, Map.of(), null);
  }

  /** This set with the kinds of {@code crdIds} (apiVersion/kind to $id) checked against {@code crdSchemas} (by $id) instead. */
  KindSchemas with(Map<String, String> crdIds, Map<String, JsonNode> crdSchemas) {
    Map<String, String> ids = new LinkedHashMap<>(idByKind);
    ids.putAll(crdIds);
    return new KindSchemas(ids, crdSchemas, this);
  }

  boolean has(String kind) {
    return idByKind.containsKey(kind);
  }

  /** The compiled schema of {@code kind} (apiVersion/kind), or null when there is none. */
  Schema schema(String kind) {
    String id = idByKind.get(kind);
    if (id == null) {
      return null;
    }
    if (base != null && !made.containsKey(id)) {
      return base.schema(kind);
    }
    Schema schema = compiled.get(kind);
    return schema != null ? schema : compile(kind, id);
  }

  /** The kinds compiled so far by this set itself. */
  java.util.Set<String> compiledKinds() {
    return java.util.Set.copyOf(compiled.keySet());
  }

  private synchronized Schema compile(String kind, String id) {
    Schema schema = compiled.get(kind);
    if (schema == null) {
      schema = registry().getSchema(SchemaLocation.of(id), document(id));
      schema.initializeValidators(); // resolve every $ref now, so a check never loads, and threads share it safely
      compiled.put(kind, schema);
    }
    return schema;
  }

  private SchemaRegistry registry() {
    if (registry == null) {
      registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
          builder -> builder.nodeReader(JSON).resourceLoaders(loaders -> loaders.add(BUNDLED)));
    }
    return registry;
  }

  /** The JSON of the schema document {@code id}, for reading the rule around a finding; null when unknown. */
  JsonNode document(String id) {
    JsonNode made = this.made.get(id);
    if (made != null) {
      return made;
    }
    if (base != null) {
      return base.document(id);
    }
    String file = BuiltInSchemas.file(id);
    return file == null ? null : documents.computeIfAbsent(id, i -> BuiltInSchemas.read(file));
  }
}
