package dev.meshgen.schema.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Writes JSON byte-stably: object keys sorted, two-space indent, {@code "key": value}, a final newline. */
final class StableJson {
  private StableJson() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, "", out);
    return out.append('\n').toString();
  }

  private static void write(JsonNode node, String indent, StringBuilder out) {
    String inner = indent + "  ";
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      if (keys.isEmpty()) {
        out.append("{}");
        return;
      }
      keys.sort(null);
      out.append("{\n");
      for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
        String key = it.next();
        out.append(inner).append(TextNode.valueOf(key)).append(": ");
        write(node.get(key), inner, out);
        out.append(it.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append(inner);
        write(node.get(i), inner, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      out.append(node); // Jackson's JSON text of a scalar
    }
  }
}
