package dev.meshgen.yaml;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * The one door every file meshgen reads comes through (property files, role definitions,
 * patches, templates, CRDs): only a regular file, only inside the folder it belongs to when it is
 * reached through a symlink, and only up to the size its {@link Yaml.Limits} allow, checked
 * before a byte is read (issue 11: a FIFO hung, a 300 MB patch ran out of memory, a link to
 * {@code /proc/self/environ} was echoed).
 */
public final class InputFile {
  private InputFile() {}

  /** True when something is at {@code file}, even a dangling link or a FIFO: such a thing is refused, not skipped. */
  public static boolean present(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The bytes of {@code file}, which must be a regular file at most {@code limits.maxChars()}
   * bytes long whose real path lies inside {@code folder} (null: anywhere, for files the user names).
   */
  public static byte[] read(Path file, Path folder, Yaml.Limits limits) throws MeshgenException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    String shown = file.toString();
    try {
      BasicFileAttributes own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Path real = file.toRealPath();
      // The target's own attributes: a FIFO must be refused before it is opened, or open blocks.
      BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!target.isRegularFile()) {
        throw refused(shown, "is not a regular file (" + type(target) + "); meshgen reads only regular files");
      }
      if (folder != null && !real.startsWith(folder.toRealPath())) {
        throw refused(shown, (own.isSymbolicLink() ? "is a symlink" : "lies behind a symlinked folder")
            + " to a file outside " + folder + "; a " + limits.what() + " must lie inside its folder");
      }
      if (target.size() > limits.maxChars()) {
        throw refused(shown, "file is " + target.size() + " bytes, over the limit of " + limits.maxChars()
            + " for a " + limits.what());
      }
      return readAtMost(real, limits, shown);
    } catch (NoSuchFileException e) {
      throw refused(shown, "file not found" + (Files.isSymbolicLink(file) ? " (a symlink to nothing)" : ""));
    } catch (IOException e) {
      throw refused(shown, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** {@code file} read through {@link #read} as one YAML document. */
  public static YamlNode readOne(Path file, Path folder, Yaml.Limits limits) throws MeshgenException {
    return Yaml.readOne(file.toString(), read(file, folder, limits), limits);
  }

  /** {@code file} read through {@link #read} as every YAML document it holds. */
  public static List<YamlNode> readAll(Path file, Path folder, Yaml.Limits limits) throws MeshgenException {
    return Yaml.readAll(file.toString(), read(file, folder, limits), limits);
  }

  /** A file that grows between the size check and the read is cut at the limit plus one byte, and refused. */
  private static byte[] readAtMost(Path real, Yaml.Limits limits, String shown) throws IOException, MeshgenException {
    try (InputStream in = Files.newInputStream(real)) {
      byte[] bytes = in.readNBytes(limits.maxChars() + 1);
      if (bytes.length > limits.maxChars()) {
        throw refused(shown, "file is over the limit of " + limits.maxChars() + " bytes for a " + limits.what());
      }
      return bytes;
    }
  }

  private static String type(BasicFileAttributes a) {
    return a.isDirectory() ? "a folder" : a.isOther() ? "a FIFO, socket or device" : "not a file";
  }

  private static MeshgenException refused(String file, String message) {
    return new MeshgenException(Diagnostic.error(Location.ofFile(file), "", message));
  }
}
