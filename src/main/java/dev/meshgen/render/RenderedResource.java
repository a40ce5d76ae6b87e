package dev.meshgen.render;

import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.PlannedResource;
import java.util.Objects;

/** A planned resource, the template that rendered it, and the manifest it became. */
public record RenderedResource(PlannedResource planned, String template, Manifest manifest) {
  public RenderedResource {
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(manifest, "manifest");
  }
}
