package dev.meshgen.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/** Where a run reads its inputs: property files, templates and role overlays. */
public record Sources(Path environments, Path templates, Path overlays) {
  public Sources {
    Objects.requireNonNull(environments, "environments");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(overlays, "overlays");
  }

  /** The folders of a config repository laid out as meshgen's own: ./environments, ./templates, ./overlays. */
  public static Sources defaults() {
    return new Sources(Path.of("environments"), Path.of("templates"), Path.of("overlays"));
  }
}
