package dev.meshgen.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.secret.SecretText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML reader of meshgen: property files, role definitions, CRDs and rendered resources
 * all go through it. It reads into {@link YamlNode}s that know the line and column of every key
 * and value, and refuses what none of those files needs and an attacker would use: anchors and
 * aliases, duplicate keys, invalid UTF-8, and anything past the {@link Limits} of its kind.
 */
public final class Yaml {
  private static final int MAX_QUOTED = 120;
  /** {@code NAME=value} as in a process environment, where CI systems keep unmasked credentials. */
  private static final java.util.regex.Pattern ENVIRONMENT_PAIR =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=[^\\s']*");

  private Yaml() {}

  /**
   * What one kind of file may hold. {@code what} names the kind in messages ("property file"),
   * {@code plural} in "not allowed in property files"; {@code maxChars} bounds the file (in bytes
   * before reading, in characters after), {@code maxScalar} one value and {@code maxKey} one key, in characters.
   */
  public record Limits(String what, String plural, int maxChars, int maxDepth, int maxDocuments, int maxScalar,
      int maxKey) {
    /** Hand-written property files and {@code -f} values files. */
    public static final Limits PROPERTY_FILE =
        new Limits("property file", "property files", 1 << 20, 64, 1, 1 << 16, 1024);
    /** {@code overlays/<role>/role.yaml}. */
    public static final Limits ROLE_DEFINITION =
        new Limits("role definition", "role definitions", 1 << 20, 64, 1, 1 << 16, 1024);
    /** A hand-kept patch. */
    public static final Limits PATCH = new Limits("patch", "patches", 1 << 20, 100, 1, 1 << 18, 1024);
    /** A resource meshgen rendered, or one read back from a GitOps repository. */
    public static final Limits RESOURCE =
        new Limits("resource file", "resource files", 4 << 20, 100, 1, 1 << 20, 1024);
    /** A file of CustomResourceDefinitions ({@code kubectl get crd -o yaml}). */
    public static final Limits CRD_FILE =
        new Limits("CRD file", "CRD files", 32 << 20, 200, 10_000, 1 << 20, 1024);
    /** A FreeMarker template: read whole, never parsed as YAML. */
    public static final Limits TEMPLATE = new Limits("template", "templates", 1 << 20, 0, 0, 1 << 20, 0);

    public Limits {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(plural, "plural");
    }

    /**
     * The longest line: a key, a value and their indentation. SnakeYAML scans a long line in time
     * quadratic in its length (a 20 MB scalar took minutes; issue 11), so lines are measured first.
     */
    int maxLine() {
      return maxScalar + maxKey + 256;
    }
  }

  private static final Map<Limits, YAMLFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

  private static YAMLFactory factory(Limits limits) {
    return FACTORIES.computeIfAbsent(limits, l -> {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported by us, with both locations
      options.setMaxAliasesForCollections(0);
      options.setCodePointLimit(l.maxChars());
      options.setNestingDepthLimit(l.maxDepth());
      YAMLFactory f = YAMLFactory.builder().loaderOptions(options).build();
      f.setStreamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(l.maxDepth()).maxStringLength(l.maxScalar()).maxNameLength(l.maxKey()).build());
      return f;
    });
  }

  /** Decodes {@code bytes} as UTF-8 (refusing invalid bytes, with their line) and reads one document. */
  public static YamlNode readOne(String file, byte[] bytes, Limits limits) throws MeshgenException {
    return readOne(file, decode(file, bytes, limits), limits);
  }

  /**
   * Reads exactly one document from {@code text}; a blank text is an empty mapping's absence,
   * reported as "no YAML document".
   */
  public static YamlNode readOne(String file, String text, Limits limits) throws MeshgenException {
    List<YamlNode> docs = read(file, text, limits, 1);
    if (docs.isEmpty()) {
      throw new MeshgenException(Diagnostic.error(Location.ofFile(file), "", "no YAML document: the file is empty"));
    }
    return docs.get(0);
  }

  /** Decodes {@code bytes} as UTF-8 and reads every document ({@code ---}-separated); empty documents are skipped. */
  public static List<YamlNode> readAll(String file, byte[] bytes, Limits limits) throws MeshgenException {
    return read(file, decode(file, bytes, limits), limits, limits.maxDocuments());
  }

  private static List<YamlNode> read(String file, String text, Limits limits, int maxDocuments) throws MeshgenException {
    Objects.requireNonNull(file, "file");
    if (text.length() > limits.maxChars()) {
      throw new MeshgenException(Diagnostic.error(Location.ofFile(file), "",
          "file is " + text.length() + " characters, over the limit of " + limits.maxChars() + " for a " + limits.what()));
    }
    checkLines(file, text, limits);
    List<YamlNode> docs = new ArrayList<>();
    JsonParser parser;
    try {
      parser = factory(limits).createParser(text);
    } catch (IOException e) {
      throw MeshgenException.of(file, "cannot read: " + firstLine(e.getMessage()));
    }
    try (parser) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (docs.size() == maxDocuments) {
          throw new MeshgenException(Diagnostic.error(location(file, parser.currentTokenLocation()), "",
              maxDocuments == 1
                  ? "a " + limits.what() + " holds one YAML document; remove the second '---' document"
                  : "more than " + maxDocuments + " YAML documents in one " + limits.what()));
        }
        YamlNode doc = new Reader(file, limits, (YAMLParser) parser).value("");
        if (!(doc instanceof YamlNode.Scalar s && s.value() == null && token == JsonToken.VALUE_NULL)) {
          docs.add(doc);
        }
      }
      return docs;
    } catch (StreamConstraintsException e) {
      // Jackson's depth check carries no location; where the parser stopped is where the limit was passed.
      JsonLocation at = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : parser.currentTokenLocation();
      throw new MeshgenException(Diagnostic.error(location(file, at), "", constraintMessage(e, limits)));
    } catch (JsonProcessingException e) {
      Location at = syntaxLocation(file, e);
      throw new MeshgenException(Diagnostic.error(at, "", longKey(e, text, at, limits) ? tooLong("key", limits.maxKey(), limits)
          : syntaxMessage(e)));
    } catch (IOException e) {
      throw MeshgenException.of(file, "cannot read: " + firstLine(e.getMessage()));
    }
  }

  /** Reads one value and everything under it, checking anchors, aliases and duplicate keys. */
  private record Reader(String file, Limits limits, YAMLParser parser) {
    YamlNode value(String path) throws IOException, MeshgenException {
      Location at = location(file, parser.currentTokenLocation());
      if (parser.isCurrentAlias()) {
        throw new MeshgenException(Diagnostic.error(at, path,
            "YAML aliases ('*name') are not allowed in " + limits.plural() + "; write the value out"));
      }
      if (parser.getObjectId() != null) {
        throw new MeshgenException(Diagnostic.error(at, path,
            "YAML anchors ('&name') are not allowed in " + limits.plural() + "; write the value out"));
      }
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return mapping(path, at);
        case START_ARRAY:
          List<YamlNode> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(path + "[" + items.size() + "]"));
          }
          return new YamlNode.Sequence(at, items);
        case VALUE_STRING:
          return new YamlNode.Scalar(at, checked(parser.getText(), "value", limits.maxScalar(), limits, at, path));
        case VALUE_NUMBER_INT:
          try {
            return new YamlNode.Scalar(at, parser.getLongValue());
          } catch (IOException tooBig) {
            return new YamlNode.Scalar(at, parser.getText());
          }
        case VALUE_NUMBER_FLOAT:
          return new YamlNode.Scalar(at, parser.getDoubleValue());
        case VALUE_TRUE:
          return new YamlNode.Scalar(at, Boolean.TRUE);
        case VALUE_FALSE:
          return new YamlNode.Scalar(at, Boolean.FALSE);
        case VALUE_NULL:
          return new YamlNode.Scalar(at, null);
        default:
          throw new MeshgenException(Diagnostic.error(at, path, "unexpected YAML token " + token));
      }
    }

    private YamlNode.Mapping mapping(String path, Location at) throws IOException, MeshgenException {
      Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        Location keyAt = location(file, parser.currentTokenLocation());
        String key = checked(parser.currentName(), "key", limits.maxKey(), limits, keyAt, path);
        String childPath = path.isEmpty() ? key : path + "." + key;
        YamlNode.Entry earlier = entries.get(key);
        if (earlier != null) {
          throw new MeshgenException(Diagnostic.error(keyAt, childPath,
              "duplicate key (first written at line " + earlier.keyLocation().line() + ")"));
        }
        parser.nextToken();
        entries.put(key, new YamlNode.Entry(keyAt, value(childPath)));
      }
      return new YamlNode.Mapping(at, entries);
    }
  }

  /** What YAML cannot carry (U+FFFE, U+FFFF, unpaired surrogates, C0 controls but tab and newline), written as escapes. */
  private static final java.util.regex.Pattern NOT_YAML =
      java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]|\\p{Cs}");

  /**
   * The first character of {@code text} that a YAML file cannot hold as it is (issue 11: written
   * raw it makes the output unparseable), as {@code U+FFFE}; null when there is none.
   */
  public static String unwritable(String text) {
    java.util.regex.Matcher m = NOT_YAML.matcher(text);
    return m.find() ? String.format(java.util.Locale.ROOT, "U+%04X", (int) text.charAt(m.start())) : null;
  }

  /** {@code text} as a key or value, refused when over {@code max} characters or holding what YAML cannot carry. */
  private static String checked(String text, String what, int max, Limits limits, Location at, String path)
      throws MeshgenException {
    if (text.length() > max) {
      throw new MeshgenException(Diagnostic.error(at, path, tooLong(what, max, limits)));
    }
    // Rendered resources carry such characters escaped (YamlScalars) and read back the same; only inputs refuse them.
    String bad = limits.equals(Limits.RESOURCE) ? null : unwritable(text);
    if (bad != null) {
      throw new MeshgenException(Diagnostic.error(at, path, "the " + what + " holds " + bad
          + ", a character YAML cannot carry; remove it"));
    }
    return text;
  }

  /** Refuses a line past {@link Limits#maxLine()} before the parser sees it (see there). */
  private static void checkLines(String file, String text, Limits limits) throws MeshgenException {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > limits.maxLine()) {
          throw new MeshgenException(Diagnostic.error(new Location(file, line, 1), "", "line " + line + " is "
              + (i - start) + " characters, over the limit of " + limits.maxLine() + " for a " + limits.what()
              + " (a value is at most " + limits.maxScalar() + " characters, a key " + limits.maxKey() + ")"));
        }
        line++;
        start = i + 1;
      }
    }
  }

  private static String tooLong(String what, int max, Limits limits) {
    return "a " + what + " is over the limit of " + max + " characters for a " + limits.what();
  }

  /** A Jackson limit as the user meets it: which limit, and its value. */
  private static String constraintMessage(StreamConstraintsException e, Limits limits) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Name length")) {
      return tooLong("key", limits.maxKey(), limits);
    }
    if (m.startsWith("String value length")) {
      return tooLong("value", limits.maxScalar(), limits);
    }
    if (m.contains("nesting depth")) {
      return "nested deeper than the limit of " + limits.maxDepth() + " levels for a " + limits.what();
    }
    return "over a limit for a " + limits.what() + ": " + firstLine(m);
  }

  /**
   * SnakeYAML refuses a plain key longer than 1024 characters as "mapping values are not allowed
   * here" or "could not find expected ':'" at the colon; said so, that names no limit.
   */
  private static boolean longKey(JsonProcessingException e, String text, Location at, Limits limits) {
    String m = String.valueOf(e.getOriginalMessage());
    return (m.contains("mapping values are not allowed here") || m.contains("could not find expected ':'"))
        && at.column() > Math.min(1024, limits.maxKey());
  }

  private static String decode(String file, byte[] bytes, Limits limits) throws MeshgenException {
    if (bytes.length > limits.maxChars() * 4L) {
      throw new MeshgenException(Diagnostic.error(Location.ofFile(file), "",
          "file is " + bytes.length + " bytes, over the limit of " + limits.maxChars() + " for a " + limits.what()));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      int bad = in.position(); // the decoder stops at the first byte of the malformed sequence
      int line = 1;
      int column = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      throw new MeshgenException(Diagnostic.error(new Location(file, line, column), "",
          "invalid UTF-8 (byte offset " + bad + "); save the file as UTF-8"));
    }
    return out.flip().toString();
  }

  private static Location location(String file, JsonLocation at) {
    if (at == null || at.getLineNr() <= 0) {
      return Location.ofFile(file);
    }
    return new Location(file, at.getLineNr(), at.getColumnNr());
  }

  /** Where the parser found the problem (SnakeYAML's problem mark), not where the construct began. */
  private static Location syntaxLocation(String file, JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        // At the end of the stream the problem is where the unclosed construct began, not the last line.
        var mark = String.valueOf(marked.getProblem()).contains("<stream end>") && marked.getContextMark() != null
            ? marked.getContextMark()
            : marked.getProblemMark();
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
      }
    }
    return location(file, e.getLocation());
  }

  /** The parser's own words, without Jackson's source dump or a second copy of the location. */
  private static String syntaxMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "invalid YAML";
    }
    // SnakeYAML messages carry a source excerpt after the first line; our location says where.
    String firstLines = message.lines().filter(l -> !l.isBlank() && !l.startsWith(" "))
        .filter(l -> !l.startsWith("in 'reader'") && !l.startsWith("in reader"))
        .reduce((a, b) -> a + "; " + b).orElse("invalid YAML");
    if (message.contains("TAB")) {
      return "invalid YAML: a tab character where YAML allows only spaces; indent with spaces";
    }
    if (message.contains("\t")) {
      return "invalid YAML: " + quotable(firstLines) + " (YAML does not allow tabs for indentation; use spaces)";
    }
    return "invalid YAML: " + quotable(firstLines);
  }

  /**
   * The parser's words as they may be printed: a file that is not YAML (a link to
   * {@code /proc/self/environ}, a binary) must not be echoed (issue 11), so control characters
   * are escaped, {@code NAME=value} pairs dropped, secrets masked, and at most 120 characters kept.
   */
  static String quotable(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    String shown = SecretText.redact(ENVIRONMENT_PAIR.matcher(b).replaceAll("…"));
    return shown.length() > MAX_QUOTED ? shown.substring(0, shown.offsetByCodePoints(0, MAX_QUOTED - 1)) + "…" : shown;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "failed";
    }
    return quotable(message.lines().findFirst().orElse("failed"));
  }
}
