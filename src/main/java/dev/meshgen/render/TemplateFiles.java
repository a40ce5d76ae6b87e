package dev.meshgen.render;

import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.yaml.InputFile;
import dev.meshgen.yaml.Yaml;
import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * FreeMarker's template loader over meshgen's one door for input files: a template (or an
 * included library) that is not a regular file inside the templates folder, or is too large, is
 * refused with a clear message (issue 11: FileTemplateLoader's own check surfaced as "internal
 * error: SecurityException").
 */
final class TemplateFiles implements TemplateLoader {
  /** Carries the refusal through FreeMarker, which only lets an IOException out of a loader. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final transient MeshgenException refusal;

    Refused(MeshgenException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }
  }

  private final Path folder;

  TemplateFiles(Path folder) {
    this.folder = folder;
  }

  @Override
  public Object findTemplateSource(String name) {
    Path file = folder.resolve(name).normalize();
    // FreeMarker normalizes names, so ".." cannot climb out; the door checks where links lead.
    return file.startsWith(folder.normalize()) && InputFile.present(file) ? file : null;
  }

  @Override
  public long getLastModified(Object source) {
    return -1; // templates are read once per run
  }

  @Override
  public Reader getReader(Object source, String encoding) throws IOException {
    try {
      return new StringReader(new String(InputFile.read((Path) source, folder, Yaml.Limits.TEMPLATE), StandardCharsets.UTF_8));
    } catch (MeshgenException e) {
      throw new Refused(e);
    }
  }

  @Override
  public void closeTemplateSource(Object source) {
    // nothing held open: the reader is over bytes already read
  }
}
