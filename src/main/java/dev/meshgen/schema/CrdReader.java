package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.yaml.InputFile;
import dev.meshgen.yaml.JsonTree;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the CustomResourceDefinitions in files and folders ({@code kubectl get crd -o yaml} output,
 * a chart's CRD bundle, ...) and yields each served version's {@code openAPIV3Schema}.
 */
final class CrdReader {
  /** One served version of one CRD: its apiVersion, kind, schema and the file it came from. */
  record CrdVersion(String apiVersion, String kind, JsonNode openApiSchema, String file) {}


  private CrdReader() {}

  /** Every CRD version in {@code paths}: files as given, folders walked in name order. */
  static List<CrdVersion> read(List<Path> paths) throws MeshgenException {
    List<Diagnostic> problems = new ArrayList<>();
    List<CrdVersion> out = new ArrayList<>();
    for (Path path : paths) {
      try {
        for (Path file : files(path)) {
          out.addAll(readFile(file));
        }
      } catch (MeshgenException e) {
        problems.addAll(e.diagnostics());
      }
    }
    if (problems.isEmpty() && out.isEmpty()) {
      problems.add(Diagnostic.error(Location.ofFile(String.join(", ", paths.stream().map(Path::toString).toList())), "",
          "no CustomResourceDefinition with an openAPIV3Schema found"));
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems);
    }
    return out;
  }

  private static List<Path> files(Path path) throws MeshgenException {
    if (!Files.isDirectory(path) && InputFile.present(path)) {
      return List.of(path); // the door refuses what is not a regular file
    }
    if (!Files.isDirectory(path)) {
      throw MeshgenException.of(path.toString(), "no such file or folder");
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(CrdReader::looksLikeManifest).sorted().toList();
    } catch (IOException e) {
      throw MeshgenException.of(path.toString(), "cannot read the folder: " + e.getMessage());
    }
  }

  private static boolean looksLikeManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static List<CrdVersion> readFile(Path file) throws MeshgenException {
    String name = file.toString();
    List<CrdVersion> out = new ArrayList<>();
    int index = 0;
    for (YamlNode node : InputFile.readAll(file, null, Yaml.Limits.CRD_FILE)) {
      index++;
      JsonNode document = JsonTree.of(node);
      if (!document.isObject()) {
        continue;
      }
      if (document.path("kind").asText().endsWith("List")) { // List, CustomResourceDefinitionList
        for (JsonNode item : document.path("items")) {
          versions(name, index, item, out);
        }
      } else {
        versions(name, index, document, out);
      }
    }
    return out;
  }

  private static void versions(String file, int index, JsonNode crd, List<CrdVersion> out) throws MeshgenException {
    if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
      return;
    }
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    String kind = spec.path("names").path("kind").asText("");
    if (group.isEmpty() || kind.isEmpty()) {
      String which = crd.path("metadata").path("name").asText("document " + index);
      throw MeshgenException.of(file, "CustomResourceDefinition " + which + ": spec.group and spec.names.kind are required");
    }
    JsonNode legacy = spec.path("validation").path("openAPIV3Schema");
    if (spec.path("versions").isArray() && !spec.path("versions").isEmpty()) {
      for (JsonNode version : spec.path("versions")) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        if (!version.path("served").asBoolean(true)) {
          continue;
        }
        JsonNode chosen = schema.isObject() ? schema : legacy;
        if (chosen.isObject()) {
          out.add(new CrdVersion(group + "/" + version.path("name").asText(), kind, chosen, file));
        }
      }
    } else if (legacy.isObject() && spec.hasNonNull("version")) {
      out.add(new CrdVersion(group + "/" + spec.path("version").asText(), kind, legacy, file));
    }
  }
}
