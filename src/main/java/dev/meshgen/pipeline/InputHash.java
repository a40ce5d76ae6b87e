package dev.meshgen.pipeline;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RoleDefinition;
import dev.meshgen.plan.Role;
import dev.meshgen.yaml.InputFile;
import dev.meshgen.yaml.Yaml;
import dev.meshgen.yaml.YamlNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one environment's rendered folder is made from, as one SHA-256 (issue 14): meshgen's
 * version, every file of the templates folder, the role definitions with their patches, the
 * CustomResourceDefinitions given with {@code --crds}, the environment's name and its merged
 * properties (defaults, values files and {@code --set}s applied). Equal hashes mean a render
 * would write the same bytes, so a run may keep the folder instead of rendering it again.
 *
 * <p>The encoding is canonical: every field is tagged and prefixed with its length in bytes,
 * files go in sorted '/'-separated relative paths, text is UTF-8 and numbers use
 * {@link Long#toString} and {@link Double#toString}, so the hash is the same on every OS, locale
 * and time zone. Mappings keep their written order: a template may follow it.
 */
final class InputHash {
  /** Bumped when the encoding changes, so old records never match a new encoding by accident. */
  private static final String FORMAT = "meshgen-inputs/1";

  /** The digest of what every environment of a run shares. */
  private final byte[] shared;

  private InputHash(byte[] shared) {
    this.shared = shared;
  }

  /**
   * The inputs every environment shares.
   *
   * @throws IOException when a template or CRD file cannot be read (the run then renders everything)
   */
  static InputHash of(String version, Path templates, Map<Role, RoleDefinition> roles, List<Path> crds)
      throws IOException {
    Sink s = new Sink();
    s.text("format", FORMAT);
    s.text("version", version);
    // Through the renderer's door: a template it would refuse (a link out of the folder, a FIFO)
    // fails the hash, so the run renders and reports it rather than keeping an old folder.
    s.files("templates", templates, file -> read(file, templates));
    for (Role role : Role.values()) {
      RoleDefinition d = roles.get(role);
      s.text("role", role.folder());
      if (d == null) {
        continue;
      }
      s.text("description", d.description());
      for (RoleDefinition.Patch p : d.patches()) {
        s.text("patch", p.path());
        s.text("text", p.text());
        new TreeMap<>(p.target()).forEach((k, v) -> {
          s.text("target", k);
          s.text("value", v);
        });
      }
    }
    for (Path crd : crds) {
      s.files("crds", crd, Files::readAllBytes); // already read whole by the schemas' reader
    }
    return new InputHash(s.digest());
  }

  /** The hash of environment {@code name} with merged properties {@code properties}, as hex. */
  String of(String name, YamlNode properties) {
    Sink s = new Sink();
    s.bytes("shared", shared);
    s.text("environment", name);
    s.node(properties);
    return HexFormat.of().formatHex(s.digest());
  }

  private static byte[] read(Path file, Path folder) throws IOException {
    try {
      return InputFile.read(file, folder, Yaml.Limits.TEMPLATE);
    } catch (MeshgenException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Reads one input file's bytes. */
  private interface Reader {
    byte[] read(Path file) throws IOException;
  }

  /** Feeds tagged, length-prefixed fields into SHA-256. */
  private static final class Sink {
    private final MessageDigest digest;
    private final ByteBuffer length = ByteBuffer.allocate(Long.BYTES);

    Sink() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void bytes(String tag, byte[] value) {
      raw(tag.getBytes(StandardCharsets.UTF_8));
      raw(value);
    }

    void text(String tag, String value) {
      bytes(tag, value.getBytes(StandardCharsets.UTF_8));
    }

    private void raw(byte[] b) {
      digest.update(length.clear().putLong(b.length).array());
      digest.update(b);
    }

    /** Every regular file under {@code root} (or {@code root} itself when it is a file), by relative path. */
    void files(String tag, Path root, Reader reader) throws IOException {
      TreeMap<String, Path> files = new TreeMap<>();
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
            files.put(root.relativize(p).toString().replace('\\', '/'), p);
          }
        }
      } else {
        files.put(String.valueOf(root.getFileName()), root);
      }
      text(tag, String.valueOf(files.size()));
      for (Map.Entry<String, Path> f : files.entrySet()) {
        text("path", f.getKey());
        bytes("content", reader.read(f.getValue()));
      }
    }

    void node(YamlNode node) {
      if (node instanceof YamlNode.Mapping m) {
        text("mapping", String.valueOf(m.entries().size()));
        m.entries().forEach((key, entry) -> {
          text("key", key);
          node(entry.value());
        });
      } else if (node instanceof YamlNode.Sequence q) {
        text("sequence", String.valueOf(q.size()));
        q.forEach(this::node);
      } else if (node instanceof YamlNode.Scalar sc) {
        Object v = sc.value();
        String type = v == null ? "null" : v instanceof String ? "string" : v instanceof Boolean ? "boolean"
            : v instanceof Long ? "integer" : v instanceof Double ? "float" : v.getClass().getName();
        text(type, String.valueOf(v));
      } else {
        text("missing", "");
      }
    }

    byte[] digest() {
      return digest.digest();
    }
  }
}
