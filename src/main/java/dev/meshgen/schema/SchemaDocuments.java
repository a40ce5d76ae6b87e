package dev.meshgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JSON of every schema document by its {@code $id}, so a finding can read the rule around the
 * keyword that failed (its {@code properties} for "did you mean", its {@code x-message}).
 */
final class SchemaDocuments {
  private final Function<String, JsonNode> byId;

  /** {@code byId} gives the document of an {@code $id}, or null. */
  SchemaDocuments(Function<String, JsonNode> byId) {
    this.byId = Objects.requireNonNull(byId, "byId");
  }

  /** The schema node at {@code location} with its last {@code up} fragment segments removed. */
  JsonNode at(SchemaLocation location, int up) {
    JsonNode node = byId.apply(location.getAbsoluteIri().toString());
    if (node == null) {
      return MissingNode.getInstance();
    }
    NodePath fragment = location.getFragment();
    int count = fragment == null ? 0 : fragment.getNameCount() - up;
    for (int i = 0; i < count && !node.isMissingNode(); i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
    }
    return node;
  }

  static List<Object> segments(NodePath path) {
    Object[] out = new Object[path == null ? 0 : path.getNameCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = path.getElement(i);
    }
    return List.of(out);
  }
}
