package dev.meshgen.manifest;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.plan.Role;
import dev.meshgen.plan.Unit;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import java.util.Objects;
import java.util.Set;

/**
 * One YAML document meshgen writes, parsed once where it is made: its identity (apiVersion,
 * kind, namespace, name), where it lands (the {@link Unit}, hence the folder and the cluster
 * roles that apply it), its parsed tree with the line and column of every value, and its text.
 * Every later stage (validation, the traffic picture, diff, publish) reads this record; none
 * parses the text again or works out from a folder name what the document is.
 *
 * <p>{@code namespace} is "" for cluster-scoped documents, kustomizations, and resources that
 * Kustomize places in a namespace.
 */
public record Manifest(
    String environment, String path, Unit unit, String apiVersion, String kind, String namespace, String name,
    YamlNode root, String text) {

  public Manifest {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses {@code text}, the document at {@code path} of {@code environment}'s tree in
   * {@code unit}, with the hardened reader; problems name {@code <environment>/<path>} and the
   * line and column.
   */
  public static Manifest parse(String environment, String path, Unit unit, String text) throws MeshgenException {
    YamlNode root = Yaml.readOne(environment + "/" + path, text, Yaml.Limits.RESOURCE);
    YamlNode metadata = root.path("metadata");
    return new Manifest(environment, path, unit, scalar(root.path("apiVersion")), scalar(root.path("kind")),
        scalar(metadata.path("namespace")), scalar(metadata.path("name")), root, text);
  }

  private static String scalar(YamlNode node) {
    return node.isTextual() ? node.asText() : "";
  }

  /** The file as findings name it: {@code <environment>/<path>}. */
  public String file() {
    return environment + "/" + path;
  }

  /** {@code apiVersion/kind}, the key of a schema. */
  public String type() {
    return apiVersion + "/" + kind;
  }

  /** {@code Kind namespace/name}, or {@code Kind name} without a namespace. */
  public String id() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }

  /**
   * The path in the environment's tree that {@code relative} (an entry of this kustomization's
   * {@code resources}, say {@code ../../verify/local}) names, with "." and ".." resolved.
   */
  public String resolve(String relative) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    int slash = path.lastIndexOf('/');
    String joined = (slash < 0 ? "" : path.substring(0, slash)) + "/" + relative;
    for (String part : joined.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The cluster roles that apply this document. */
  public Set<Role> roles() {
    return unit.roles();
  }

  /** A {@code kustomization.yaml} (a Kustomization or Component of kustomize.config.k8s.io). */
  public boolean isKustomization() {
    return apiVersion.startsWith("kustomize.config.k8s.io/");
  }

  /** A resource a cluster applies as part of the setup: not a kustomization, not a Flux or Argo CD entry point. */
  public boolean isClusterResource() {
    return unit.isSetup() && !isKustomization();
  }
}
