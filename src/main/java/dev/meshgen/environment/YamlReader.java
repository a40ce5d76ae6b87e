package dev.meshgen.environment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
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
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML property file into {@link YamlNode}s with the line and column of every key and
 * value. It refuses what a property file never needs and an attacker would use: several
 * documents, anchors and aliases, duplicate keys, invalid UTF-8 and oversized files.
 */
final class YamlReader {
  /** Property files are hand-written; anything this big is a mistake or an attack. */
  static final int MAX_BYTES = 1 << 20;

  private static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY = newFactory();

  private YamlReader() {}

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by us, with both locations
    options.setMaxAliasesForCollections(0);
    options.setCodePointLimit(MAX_BYTES);
    options.setNestingDepthLimit(MAX_DEPTH);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_BYTES).build());
    return factory;
  }

  /** Parses {@code bytes}, naming {@code file} in every diagnostic. */
  static YamlNode.Mapping read(String file, byte[] bytes) throws MeshgenException {
    if (bytes.length > MAX_BYTES) {
      throw new MeshgenException(
          Diagnostic.error(
              Location.ofFile(file),
              "",
              "file is " + bytes.length + " bytes, over the limit of " + MAX_BYTES
                  + " for a property file"));
    }
    String text = decode(file, bytes);
    if (text.isBlank()) {
      throw new MeshgenException(
          Diagnostic.error(Location.ofFile(file), "", "file is empty: expected a mapping of properties"));
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      YamlNode root = first == null ? null : readValue(file, (YAMLParser) parser, "");
      if (!(root instanceof YamlNode.Mapping mapping)) {
        Location at = root == null ? Location.ofFile(file) : root.location();
        throw new MeshgenException(
            Diagnostic.error(at, "", "expected a mapping of properties at the top of the file"));
      }
      if (parser.nextToken() != null) {
        throw new MeshgenException(
            Diagnostic.error(
                location(file, parser.currentTokenLocation()),
                "",
                "a property file holds one YAML document; remove the second '---' document"));
      }
      return mapping;
    } catch (JsonProcessingException e) {
      throw new MeshgenException(Diagnostic.error(syntaxLocation(file, e), "", syntaxMessage(e)));
    } catch (IOException e) {
      throw new MeshgenException(
          Diagnostic.error(Location.ofFile(file), "", "cannot read: " + e.getMessage()));
    }
  }

  private static YamlNode readValue(String file, YAMLParser parser, String path)
      throws IOException, MeshgenException {
    Location at = location(file, parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      throw new MeshgenException(
          Diagnostic.error(at, path, "YAML aliases ('*name') are not allowed in property files; write the value out"));
    }
    if (parser.getObjectId() != null) {
      throw new MeshgenException(
          Diagnostic.error(at, path, "YAML anchors ('&name') are not allowed in property files; write the value out"));
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readMapping(file, parser, path, at);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(file, parser, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(at, items);
      case VALUE_STRING:
        return new YamlNode.Scalar(at, parser.getText());
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

  private static YamlNode.Mapping readMapping(String file, YAMLParser parser, String path, Location at)
      throws IOException, MeshgenException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Location keyAt = location(file, parser.currentTokenLocation());
      String childPath = path.isEmpty() ? key : path + "." + key;
      YamlNode.Entry earlier = entries.get(key);
      if (earlier != null) {
        throw new MeshgenException(
            Diagnostic.error(
                keyAt, childPath, "duplicate key (first written at line " + earlier.keyLocation().line() + ")"));
      }
      parser.nextToken();
      entries.put(key, new YamlNode.Entry(keyAt, readValue(file, parser, childPath)));
    }
    return new YamlNode.Mapping(at, entries);
  }

  private static String decode(String file, byte[] bytes) throws MeshgenException {
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

  static Location location(String file, JsonLocation at) {
    if (at == null || at.getLineNr() <= 0) {
      return Location.ofFile(file);
    }
    return new Location(file, at.getLineNr(), at.getColumnNr());
  }

  /** Where the parser found the problem (SnakeYAML's problem mark), not where the construct began. */
  private static Location syntaxLocation(String file, JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        return new Location(file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
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
      return "invalid YAML: " + firstLines + " (YAML does not allow tabs for indentation; use spaces)";
    }
    return "invalid YAML: " + firstLines;
  }
}
