package dev.meshgen.environment;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run layers over each environment's property file, in Helm's order: values files
 * ({@code -f}, merged like the defaults, in order), then {@code --set} (integers and booleans
 * typed), then {@code --set-string} (always strings).
 */
public record Overrides(List<Path> valuesFiles, List<String> sets, List<String> stringSets) {
  public Overrides {
    valuesFiles = List.copyOf(valuesFiles);
    sets = List.copyOf(sets);
    stringSets = List.copyOf(stringSets);
  }

  /** Only {@code --set} overrides. */
  public static Overrides of(List<String> sets) {
    return new Overrides(List.of(), sets, List.of());
  }

  public static final Overrides NONE = of(List.of());
}
