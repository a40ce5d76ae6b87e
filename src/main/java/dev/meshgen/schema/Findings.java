package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.KeyPath;
import dev.meshgen.diagnostic.Suggestions;
import dev.meshgen.diagnostic.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the validator's errors for one resource into diagnostics with stable, plain messages, each
 * at the line and column of the field that caused it.
 *
 * <p>A failed {@code oneOf}/{@code anyOf}/{@code not} comes back from the validator as the failure
 * plus the failures of every branch; they are folded into one finding about the combinator, whose
 * message is read from its branches ("must set at most one of auto, sniRouting, tlsTermination").
 */
final class Findings {
  private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "not");
  /** Keywords followed in a path by a name or index, not by a keyword. */
  private static final Set<String> WITH_ARGUMENT =
      Set.of("properties", "patternProperties", "allOf", "anyOf", "oneOf", "prefixItems", "dependentSchemas", "$defs");
  /** Keywords whose subschema applies to a child of the instance. */
  private static final Set<String> CHILD_STEP =
      Set.of("items", "additionalProperties", "contains", "unevaluatedItems", "unevaluatedProperties");
  private static final Set<String> VALUE_KEYWORDS = Set.of(
      "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
      "exclusiveMaximum", "format", "multipleOf");

  private final String file;
  private final LocatedYaml yaml;
  private final SchemaDocuments docs;

  private Findings(String file, LocatedYaml yaml, SchemaDocuments docs) {
    this.file = file;
    this.yaml = yaml;
    this.docs = docs;
  }

  static List<Diagnostic> of(String file, LocatedYaml yaml, List<Error> errors, SchemaDocuments docs) {
    return new Findings(file, yaml, docs).convert(errors);
  }

  /** A combinator that failed, and where. */
  private record Group(String keyword, JsonNode node, List<Object> instance) {}

  private List<Diagnostic> convert(List<Error> errors) {
    Set<String> wrongType = new HashSet<>();
    for (Error e : errors) {
      if (e.getKeyword().equals("type") && firstCombinator(SchemaDocuments.segments(e.getEvaluationPath())) < 0) {
        wrongType.add(LocatedYaml.pointer(SchemaDocuments.segments(e.getInstanceLocation())));
      }
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (Error e : errors) {
      List<Object> instance = SchemaDocuments.segments(e.getInstanceLocation());
      List<Object> evaluation = SchemaDocuments.segments(e.getEvaluationPath());
      int c = firstCombinator(evaluation);
      if (c >= 0) {
        List<Object> suffix = evaluation.subList(c + 1, evaluation.size());
        List<Object> at = instance.subList(0, Math.max(0, instance.size() - instanceSteps(suffix)));
        JsonNode node = suffix.contains("$ref") ? null : docs.at(e.getSchemaLocation(), suffix.size());
        String key = LocatedYaml.pointer(at) + "|" + evaluation.subList(0, c + 1);
        groups.putIfAbsent(key, new Group(String.valueOf(evaluation.get(c)), node, at));
        continue;
      }
      String pointer = LocatedYaml.pointer(instance);
      if (VALUE_KEYWORDS.contains(e.getKeyword()) && wrongType.contains(pointer)) {
        continue; // "must be a string, got 80" says it all
      }
      out.add(single(e, instance));
    }
    for (Group g : groups.values()) {
      String pointer = LocatedYaml.pointer(g.instance());
      if (!wrongType.contains(pointer)) {
        out.add(diagnostic(yaml.locate(pointer), g.instance(), combinatorMessage(g.keyword(), g.node())));
      }
    }
    out.sort(Diagnostic.ORDER);
    return out.stream().distinct().toList();
  }

  private Diagnostic single(Error e, List<Object> instance) {
    String pointer = LocatedYaml.pointer(instance);
    JsonNode rule = e.getSchemaNode();
    JsonNode value = e.getInstanceNode();
    switch (e.getKeyword()) {
      case "additionalProperties":
      case "unevaluatedProperties": {
        String field = e.getProperty();
        List<String> known = new ArrayList<>();
        docs.at(e.getSchemaLocation(), 1).path("properties").fieldNames().forEachRemaining(known::add);
        List<Object> path = append(instance, field);
        return diagnostic(keyOrValue(LocatedYaml.pointer(path)), path,
            "unknown field '" + field + "'" + Suggestions.didYouMean(field, known, "fields"));
      }
      case "required":
        return diagnostic(yaml.locate(pointer), append(instance, e.getProperty()), "required");
      case "propertyNames": {
        String field = e.getProperty();
        List<Object> path = append(instance, field);
        String message = rule.has("x-message")
            ? rule.path("x-message").asText()
            : "field name must match " + rule.path("pattern").asText(".*");
        return diagnostic(keyOrValue(LocatedYaml.pointer(path)), path, message + ", got '" + field + "'");
      }
      case "type":
        return diagnostic(yaml.locate(pointer), instance, "must be " + typePhrase(rule) + ", got " + describe(value));
      case "enum":
        return diagnostic(yaml.locate(pointer), instance, "must be one of " + joinValues(rule) + ", got " + describe(value));
      case "const":
        return diagnostic(yaml.locate(pointer), instance, "must be " + describe(rule) + ", got " + describe(value));
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        return diagnostic(yaml.locate(pointer), instance, range(docs.at(e.getSchemaLocation(), 1)) + ", got " + describe(value));
      case "pattern":
      case "minLength":
      case "maxLength": {
        JsonNode parent = docs.at(e.getSchemaLocation(), 1);
        String message = parent.has("x-message") ? parent.path("x-message").asText() : stringRule(e.getKeyword(), rule);
        return diagnostic(yaml.locate(pointer), instance, message + ", got " + describe(value));
      }
      case "minItems":
        return diagnostic(yaml.locate(pointer), instance, "must list at least " + count(rule.asInt(), "item"));
      case "maxItems":
        return diagnostic(yaml.locate(pointer), instance, "must list at most " + count(rule.asInt(), "item"));
      case "minProperties":
        return diagnostic(yaml.locate(pointer), instance, "must have at least " + count(rule.asInt(), "field"));
      case "maxProperties":
        return diagnostic(yaml.locate(pointer), instance, "must have at most " + count(rule.asInt(), "field"));
      case "uniqueItems":
        return diagnostic(yaml.locate(pointer), instance, "must not list the same item twice");
      default:
        return diagnostic(yaml.locate(pointer), instance, e.getMessage());
    }
  }

  /** "must set exactly one of a, b" from branches that each require one field; else a plain fallback. */
  static String combinatorMessage(String keyword, JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return switch (keyword) {
        case "oneOf" -> "must match exactly one of the allowed alternatives";
        case "anyOf" -> "must match at least one of the allowed alternatives";
        default -> "is not allowed here";
      };
    }
    switch (keyword) {
      case "oneOf": {
        List<String> names = new ArrayList<>();
        boolean noneAllowed = false;
        for (JsonNode branch : node) {
          String name = requiredField(branch);
          if (name != null) {
            names.add(name);
          } else if (requiredFields(branch.path("not").path("anyOf")) != null) {
            noneAllowed = true; // Istio's way of saying "at most one"
          } else {
            return "must match exactly one of " + node.size() + " alternatives";
          }
        }
        return (noneAllowed ? "must set at most one of " : "must set exactly one of ") + String.join(", ", names);
      }
      case "anyOf": {
        List<String> names = requiredFields(node);
        return names != null
            ? "must set at least one of " + String.join(", ", names)
            : "must match at least one of " + node.size() + " alternatives";
      }
      default: {
        JsonNode required = node.path("required");
        if (node.size() == 1 && required.size() >= 2) {
          List<String> names = new ArrayList<>();
          required.forEach(n -> names.add(n.asText()));
          return "must set at most " + (names.size() - 1 == 1 ? "one" : String.valueOf(names.size() - 1))
              + " of " + String.join(", ", names);
        }
        List<String> names = requiredFields(node.path("anyOf"));
        return names != null ? "must set none of " + String.join(", ", names) : "is not allowed here";
      }
    }
  }

  /** The one field a branch like {@code {required: [x]}} requires, else null. */
  private static String requiredField(JsonNode branch) {
    JsonNode required = branch.path("required");
    return required.isArray() && required.size() == 1 ? required.get(0).asText() : null;
  }

  /** The fields of branches that each require one field, or null if any branch is something else. */
  private static List<String> requiredFields(JsonNode branches) {
    if (!branches.isArray() || branches.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode branch : branches) {
      String name = requiredField(branch);
      if (name == null) {
        return null;
      }
      names.add(name);
    }
    return names;
  }

  /** Index of the first oneOf/anyOf/not keyword in an evaluation path, or -1. */
  static int firstCombinator(List<Object> evaluation) {
    int i = 0;
    while (i < evaluation.size()) {
      String s = String.valueOf(evaluation.get(i));
      if (COMBINATORS.contains(s)) {
        return i;
      }
      i += WITH_ARGUMENT.contains(s) ? 2 : 1;
    }
    return -1;
  }

  /** How many instance path segments an evaluation path suffix descends. */
  static int instanceSteps(List<Object> suffix) {
    int steps = 0;
    int i = 0;
    while (i < suffix.size()) {
      String s = String.valueOf(suffix.get(i));
      if (s.equals("properties") || s.equals("patternProperties") || s.equals("prefixItems")) {
        steps++;
        i += 2;
      } else if (CHILD_STEP.contains(s)) {
        steps++;
        i++;
      } else {
        i += WITH_ARGUMENT.contains(s) ? 2 : 1;
      }
    }
    return steps;
  }

  private LocatedYaml.Position keyOrValue(String pointer) {
    LocatedYaml.Position key = yaml.keyAt(pointer);
    return key != null ? key : yaml.locate(pointer);
  }

  private Diagnostic diagnostic(LocatedYaml.Position at, List<Object> path, String message) {
    return Diagnostic.error(location(at), display(path), message);
  }

  private Location location(LocatedYaml.Position at) {
    return at.line() <= 0 ? Location.ofFile(file) : new Location(file, at.line(), at.column());
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }


  static String display(List<Object> segments) {
    return KeyPath.display(segments);
  }

  private static String typePhrase(JsonNode type) {
    if (type.isArray()) {
      List<String> phrases = new ArrayList<>();
      type.forEach(t -> phrases.add(typePhrase(t)));
      return String.join(" or ", phrases);
    }
    return switch (type.asText()) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      case "null" -> "null";
      default -> "a " + type.asText();
    };
  }

  private static String range(JsonNode rule) {
    String min = rule.has("minimum") ? rule.get("minimum").asText() : null;
    String max = rule.has("maximum") ? rule.get("maximum").asText() : null;
    if (min != null && max != null) {
      return "must be " + min + "-" + max;
    }
    if (rule.has("exclusiveMinimum")) {
      return "must be greater than " + rule.get("exclusiveMinimum").asText();
    }
    if (rule.has("exclusiveMaximum")) {
      return "must be less than " + rule.get("exclusiveMaximum").asText();
    }
    return min != null ? "must be at least " + min : "must be at most " + max;
  }

  private static String stringRule(String keyword, JsonNode rule) {
    return switch (keyword) {
      case "pattern" -> "must match " + rule.asText();
      case "minLength" -> rule.asInt() == 1 ? "must not be empty" : "must be at least " + count(rule.asInt(), "character") + " long";
      default -> "must be at most " + count(rule.asInt(), "character") + " long";
    };
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String joinValues(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
    return String.join(", ", out);
  }

  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      String text = value.asText();
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
