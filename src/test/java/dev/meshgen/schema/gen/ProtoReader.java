package dev.meshgen.schema.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the subset of proto3 that API definitions use: package, imports, messages and enums
 * (nested), one-ofs, repeated and map fields, {@code json_name}; comments, options,
 * {@code reserved}, {@code extensions}, services and extends are read past.
 */
final class ProtoReader {
  private static final Set<String> SCALARS = Set.of(
      "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
      "sfixed32", "sfixed64", "bool", "string", "bytes");

  private final String file;
  private final List<Token> tokens;
  private int next;

  private record Token(String text, int line, boolean string) {}

  private ProtoReader(String file, String text) {
    this.file = file;
    this.tokens = tokenize(file, text);
  }

  /** Parses one file; {@code file} names it in messages. */
  static Proto.File read(String file, String text) {
    return new ProtoReader(file, text).file();
  }

  static boolean isScalar(String type) {
    return SCALARS.contains(type);
  }

  private Proto.File file() {
    String pkg = "";
    List<String> imports = new ArrayList<>();
    List<Proto.Message> messages = new ArrayList<>();
    List<Proto.Enum> enums = new ArrayList<>();
    while (next < tokens.size()) {
      String word = take();
      switch (word) {
        case "syntax" -> {
          expect("=");
          String syntax = takeString();
          if (!syntax.equals("proto3")) {
            throw error("only proto3 is supported, got " + syntax);
          }
          expect(";");
        }
        case "package" -> {
          pkg = take();
          expect(";");
        }
        case "import" -> {
          if (peek().equals("public") || peek().equals("weak")) {
            take();
          }
          imports.add(takeString());
          expect(";");
        }
        case "option" -> skipStatement();
        case "message" -> messages.add(message(pkg));
        case "enum" -> enums.add(enumType(pkg));
        case "service", "extend" -> {
          take();
          skipBlock();
        }
        case ";" -> { }
        default -> throw error("unexpected '" + word + "'");
      }
    }
    return new Proto.File(file, pkg, imports, messages, enums);
  }

  private Proto.Message message(String scope) {
    String fullName = qualify(scope, take());
    expect("{");
    List<Proto.Field> fields = new ArrayList<>();
    List<Proto.Message> messages = new ArrayList<>();
    List<Proto.Enum> enums = new ArrayList<>();
    while (!peek().equals("}")) {
      String word = peek();
      switch (word) {
        case "message" -> {
          take();
          messages.add(message(fullName));
        }
        case "enum" -> {
          take();
          enums.add(enumType(fullName));
        }
        case "oneof" -> {
          take();
          String group = take();
          expect("{");
          while (!peek().equals("}")) {
            if (peek().equals("option")) {
              skipStatement();
            } else if (peek().equals(";")) {
              take();
            } else {
              fields.add(field(group));
            }
          }
          expect("}");
        }
        case "option", "reserved", "extensions" -> skipStatement();
        case "extend" -> {
          take();
          take();
          skipBlock();
        }
        case ";" -> take();
        case "group" -> throw error("groups are not proto3");
        default -> fields.add(field(null));
      }
    }
    expect("}");
    return new Proto.Message(fullName, file, fields, messages, enums);
  }

  private Proto.Field field(String oneof) {
    boolean repeated = false;
    String mapKey = null;
    String type;
    if (peek().equals("repeated") && !tokenAt(next + 1).equals("=")) {
      take();
      repeated = true;
    } else if (peek().equals("optional") && !tokenAt(next + 1).equals("=")) {
      take(); // proto3 optional: presence only, same JSON
    }
    if (peek().equals("map") && tokenAt(next + 1).equals("<")) {
      take();
      expect("<");
      mapKey = take();
      expect(",");
      type = take();
      expect(">");
    } else {
      type = take();
    }
    String name = take();
    expect("=");
    take(); // the field number
    String jsonName = Proto.jsonName(name);
    if (peek().equals("[")) {
      String explicit = fieldOptions();
      if (explicit != null) {
        jsonName = explicit;
      }
    }
    expect(";");
    return new Proto.Field(name, jsonName, type, repeated, mapKey, oneof);
  }

  /** Reads {@code [a = x, (ext).b = {…}]}; returns the json_name if one is set. */
  private String fieldOptions() {
    expect("[");
    String jsonName = null;
    while (true) {
      StringBuilder option = new StringBuilder();
      while (!peek().equals("=")) {
        option.append(take());
      }
      expect("=");
      if (peek().equals("{")) {
        skipBlock();
      } else {
        Token value = tokens.get(next++);
        if (option.toString().equals("json_name")) {
          if (!value.string()) {
            throw error("json_name must be a string");
          }
          jsonName = value.text();
        }
      }
      String separator = take();
      if (separator.equals("]")) {
        return jsonName;
      }
      if (!separator.equals(",")) {
        throw error("expected ',' or ']' in field options, got '" + separator + "'");
      }
    }
  }

  private Proto.Enum enumType(String scope) {
    String fullName = qualify(scope, take());
    expect("{");
    List<String> values = new ArrayList<>();
    while (!peek().equals("}")) {
      String word = take();
      if (word.equals("option") || word.equals("reserved")) {
        next--;
        skipStatement();
      } else if (!word.equals(";")) {
        expect("=");
        if (peek().equals("-")) {
          take();
        }
        take();
        if (peek().equals("[")) {
          fieldOptions();
        }
        expect(";");
        values.add(word);
      }
    }
    expect("}");
    return new Proto.Enum(fullName, values);
  }

  private static String qualify(String scope, String name) {
    return scope.isEmpty() ? name : scope + "." + name;
  }

  /** Skips to the end of a statement, over any {@code {…}} inside it (aggregate option values). */
  private void skipStatement() {
    while (true) {
      String word = take();
      if (word.equals(";")) {
        return;
      }
      if (word.equals("{")) {
        next--;
        skipBlock();
      }
    }
  }

  /** Skips a balanced {@code {…}} starting at the next token. */
  private void skipBlock() {
    expect("{");
    int depth = 1;
    while (depth > 0) {
      String word = take();
      if (word.equals("{")) {
        depth++;
      } else if (word.equals("}")) {
        depth--;
      }
    }
  }

  private String peek() {
    return tokenAt(next);
  }

  private String tokenAt(int i) {
    if (i >= tokens.size()) {
      throw error("unexpected end of file");
    }
    return tokens.get(i).text();
  }

  private String take() {
    String word = peek();
    next++;
    return word;
  }

  private String takeString() {
    Token token = tokens.get(next);
    if (!token.string()) {
      throw error("expected a string, got '" + token.text() + "'");
    }
    next++;
    return token.text();
  }

  private void expect(String word) {
    String got = take();
    if (!got.equals(word)) {
      next--;
      throw error("expected '" + word + "', got '" + got + "'");
    }
  }

  private IllegalArgumentException error(String message) {
    int line = tokens.isEmpty() ? 1 : tokens.get(Math.min(next, tokens.size() - 1)).line();
    return new IllegalArgumentException(file + ":" + line + ": " + message);
  }

  private static List<Token> tokenize(String file, String text) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(file + ":" + line + ": unterminated comment");
        }
        line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
        i = end + 2;
      } else if (c == '"' || c == '\'') {
        StringBuilder s = new StringBuilder();
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != c) {
          if (text.charAt(j) == '\\' && j + 1 < text.length()) {
            j++;
          }
          if (text.charAt(j) == '\n') {
            throw new IllegalArgumentException(file + ":" + line + ": unterminated string");
          }
          s.append(text.charAt(j));
          j++;
        }
        if (j >= text.length()) {
          throw new IllegalArgumentException(file + ":" + line + ": unterminated string");
        }
        out.add(new Token(s.toString(), line, true));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        int j = i;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
            || text.charAt(j) == '.' || isExponentSign(text, i, j))) {
          j++;
        }
        out.add(new Token(text.substring(i, j), line, false));
        i = j;
      } else {
        out.add(new Token(String.valueOf(c), line, false));
        i++;
      }
    }
    return out;
  }

  /** A sign inside a float literal such as {@code 1e-5} that starts at {@code start}. */
  private static boolean isExponentSign(String text, int start, int at) {
    char c = text.charAt(at);
    return (c == '+' || c == '-') && Character.isDigit(text.charAt(start))
        && (text.charAt(at - 1) == 'e' || text.charAt(at - 1) == 'E');
  }
}
