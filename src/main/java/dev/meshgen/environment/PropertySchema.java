package dev.meshgen.environment;

import dev.meshgen.yaml.JsonTree;
import dev.meshgen.yaml.YamlNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.KeyPath;
import dev.meshgen.diagnostic.Suggestions;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.secret.SecretText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks layered properties against {@code property-schema.json} and turns each violation into a
 * diagnostic at the file, line and column where the offending value (or its parent) was written.
 */
final class PropertySchema {
  private static final JsonNode SCHEMA_JSON = loadSchemaJson();
  private static final Schema SCHEMA = compile(SCHEMA_JSON);

  private PropertySchema() {}

  private static JsonNode loadSchemaJson() {
    try (InputStream in = PropertySchema.class.getResourceAsStream("property-schema.json")) {
      return JsonTree.parse(Objects.requireNonNull(in, "property-schema.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema compile(JsonNode json) {
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json);
    schema.initializeValidators(); // complete before environments are checked in parallel
    return schema;
  }

  /** The violations of {@code root}, the merged properties, converted to the schema's tree once. */
  static List<Diagnostic> check(YamlNode.Mapping root) {
    List<Diagnostic> out = new ArrayList<>();
    for (Error error : SCHEMA.validate(JsonTree.of(root))) {
      out.add(toDiagnostic(root, error).withRule(Diagnostic.SCHEMA));
    }
    out.sort(Diagnostic.ORDER);
    return out.stream().distinct().collect(Collectors.toList());
  }

  private static Diagnostic toDiagnostic(YamlNode.Mapping root, Error error) {
    List<Object> segments = segments(error.getInstanceLocation());
    String path = display(segments);
    YamlNode node = root;
    Location keyLocation = null;
    for (Object segment : segments) {
      if (segment instanceof String key && node instanceof YamlNode.Mapping m && m.entries().containsKey(key)) {
        keyLocation = m.entries().get(key).keyLocation();
        node = m.entries().get(key).value();
      } else if (segment instanceof Integer i && node instanceof YamlNode.Sequence s && i < s.items().size()) {
        node = s.items().get(i);
        keyLocation = null;
      }
    }
    JsonNode rule = ruleOf(error);
    String keyword = error.getKeyword();
    String property = error.getProperty();
    JsonNode value = error.getInstanceNode();
    switch (keyword) {
      case "required":
        return Diagnostic.error(node.location(), join(path, property), "required");
      case "additionalProperties": {
        YamlNode.Entry entry = node instanceof YamlNode.Mapping m ? m.entries().get(property) : null;
        Location at = entry != null ? entry.keyLocation() : node.location();
        List<String> known = knownProperties(error);
        return Diagnostic.error(at, join(path, property), "unknown key" + Suggestions.didYouMean(property, known, "keys"));
      }
      case "type":
        return Diagnostic.error(node.location(), path, "must be " + types(rule.path("type")) + ", got " + describe(value));
      case "enum":
        return Diagnostic.error(node.location(), path, "must be one of " + joinValues(rule.path("enum")) + ", got " + describe(value));
      case "minimum":
      case "maximum":
        return Diagnostic.error(node.location(), path,
            "must be " + rule.path("minimum").asText("?") + "-" + rule.path("maximum").asText("?") + ", got " + describe(value));
      case "minItems":
        return Diagnostic.error(node.location(), path, "must list at least " + rule.path("minItems").asInt() + " item(s)");
      case "minProperties":
        return Diagnostic.error(node.location(), path, "must have at least " + rule.path("minProperties").asInt() + " entry");
      case "pattern":
      case "maxLength": {
        boolean isKey = error.getEvaluationPath().toString().contains("propertyNames");
        Location at = isKey && keyLocation != null ? keyLocation : node.location();
        String message = rule.path("x-message").asText("does not match " + rule.path("pattern").asText());
        return Diagnostic.error(at, path, message + ", got " + describe(value));
      }
      default:
        return Diagnostic.error(node.location(), path, error.getMessage());
    }
  }

  /** The schema object that holds the failed keyword (its parent in the schema document). */
  private static JsonNode ruleOf(Error error) {
    String pointer = fragment(error);
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? SCHEMA_JSON : SCHEMA_JSON.at(pointer.substring(0, slash));
  }

  private static String fragment(Error error) {
    String location = error.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    return hash < 0 ? "" : location.substring(hash + 1);
  }

  private static List<String> knownProperties(Error error) {
    List<String> known = new ArrayList<>();
    Iterator<String> names = ruleOf(error).path("properties").fieldNames();
    names.forEachRemaining(known::add);
    return known;
  }

  private static List<Object> segments(NodePath path) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      out.add(path.getElement(i));
    }
    return out;
  }

  static String display(List<Object> segments) {
    return KeyPath.display(segments);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** "an integer", or "an integer or a list" where the schema allows several types. */
  private static String types(JsonNode type) {
    if (!type.isArray()) {
      return article(type.asText());
    }
    List<String> out = new ArrayList<>();
    type.forEach(t -> out.add(article(t.asText())));
    return String.join(" or ", out);
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String joinValues(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing (null)";
    }
    if (value.isTextual()) {
      // A value the secrets check missed is still never quoted whole (issue 11).
      String text = SecretText.redact(value.asText());
      String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
      return "'" + shown.replace("\n", "\\n") + "'";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.toString();
  }

}
