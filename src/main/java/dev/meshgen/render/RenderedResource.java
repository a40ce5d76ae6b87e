package dev.meshgen.render;

import dev.meshgen.plan.PlannedResource;
import java.util.Objects;

/** A planned resource and the YAML its template produced for it. */
public record RenderedResource(PlannedResource planned, String template, String yaml) {
  public RenderedResource {
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(yaml, "yaml");
  }
}
