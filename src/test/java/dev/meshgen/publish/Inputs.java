package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.layout.RenderedTree;
import dev.meshgen.pipeline.Pipeline;
import dev.meshgen.pipeline.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A copy of the fixture environments with the shipped templates and overlays in a test folder, which tests edit and render. */
public final class Inputs {
  private final Path root;

  private Inputs(Path root) {
    this.root = root;
  }

  /** Copies the test inputs ({@link dev.meshgen.TestProject#sources()}) into {@code dir}. */
  public static Inputs copyInto(Path dir) {
    dev.meshgen.TestProject.copySources(dir);
    return new Inputs(dir);
  }

  public Path root() {
    return root;
  }

  public Path environment(String name) {
    return root.resolve("environments").resolve(name + ".yaml");
  }

  /**
   * Adds environment {@code name} as a copy of {@code example} on clusters of its own
   * ({@code <name>-mgmt}, ...), since two environments may not own the same objects on one cluster.
   */
  public Inputs withCopyOfExample(String name) {
    try {
      Files.copy(environment("example"), environment(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return edit(name, "    name: mgmt\n", "    name: " + name + "-mgmt\n")
        .edit(name, "    name: cluster1\n", "    name: " + name + "-cluster1\n")
        .edit(name, "    name: cluster2\n", "    name: " + name + "-cluster2\n");
  }

  /** Replaces the first {@code from} with {@code to} in environment {@code name}'s property file. */
  public Inputs edit(String name, String from, String to) {
    try {
      String text = Files.readString(environment(name));
      if (!text.contains(from)) {
        throw new AssertionError(name + ".yaml does not contain " + from);
      }
      Files.writeString(environment(name), text.replaceFirst(java.util.regex.Pattern.quote(from),
          java.util.regex.Matcher.quoteReplacement(to)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Replaces environment {@code name}'s property file with test resource {@code resource} (next to this class). */
  public Inputs replaceWith(String name, String resource) {
    try (var in = Inputs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no test resource " + resource);
      }
      Files.write(environment(name), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Cuts environment {@code name}'s property file from the line holding {@code marker} to its end. */
  public Inputs cutFrom(String name, String marker) {
    try {
      String text = Files.readString(environment(name));
      int at = text.indexOf(marker);
      if (at < 0) {
        throw new AssertionError(name + ".yaml does not contain " + marker);
      }
      Files.writeString(environment(name), text.substring(0, text.lastIndexOf('\n', at) + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Inputs append(String name, String text) {
    try {
      Files.writeString(environment(name), Files.readString(environment(name)) + text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public List<RenderedTree> render(String... names) throws MeshgenException {
    Sources s = new Sources(root.resolve("environments"), root.resolve("templates"), root.resolve("overlays"));
    return Pipeline.of(s).render(List.of(names), List.of());
  }
}
