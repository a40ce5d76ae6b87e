package dev.meshgen.plan;

import java.util.Locale;

/** A cluster role: the overlay a cluster of that role applies. */
public enum Role {
  MGMT,
  LOCAL,
  REMOTE;

  /** The role's folder name under {@code overlays/}. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
