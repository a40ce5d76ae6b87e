package dev.meshgen.environment;

import dev.meshgen.diagnostic.Location;
import dev.meshgen.yaml.YamlNode;
import java.util.Objects;

/**
 * Where each property of a loaded environment was set (the environment's file, the defaults or a
 * {@code --set}), so checks that look at several environments at once can point at the line.
 */
public final class PropertyLocations {
  private final YamlNode.Mapping root;

  PropertyLocations(YamlNode.Mapping root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The merged properties, with the location of every key and value. */
  public YamlNode.Mapping merged() {
    return root;
  }

  /** The location of the value at a display path such as {@code clusters.local.name}. */
  public Location of(String path) {
    return References.at(root, path);
  }
}
