package dev.meshgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes synthetic environments for benchmarks: E environments with S external services each. */
public final class SyntheticEnvironments {
  private SyntheticEnvironments() {}

  /**
   * Writes {@code count} environments named {@code env-0000}... with {@code services} services each,
   * beside a copy of {@code defaults} (the project's _defaults.yaml).
   */
  public static void write(Path dir, Path defaults, int count, int services) throws IOException {
    Files.createDirectories(dir);
    Files.copy(defaults, dir.resolve("_defaults.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (int e = 0; e < count; e++) {
      Files.writeString(dir.resolve(String.format(java.util.Locale.ROOT, "env-%04d.yaml", e)), environment(e, services));
    }
  }

  static String environment(int e, int services) {
    StringBuilder b = new StringBuilder()
        .append("clusters:\n")
        .append("  mgmt: {name: mgmt-").append(e).append("}\n")
        .append("  local: {name: local-").append(e).append("}\n")
        .append("  remote: {name: remote-").append(e).append("}\n")
        .append("istio: {revision: 1-16, tag: 1.16.0-solo, operatorNamespace: gm-iop-1-16}\n")
        .append("gateways:\n  egress:\n    ports:\n")
        .append("      - {name: https, number: 443, targetPort: 8443, protocol: HTTPS}\n")
        .append("      - {name: tls, number: 15443, targetPort: 15443}\n");
    for (int s = 0; s < services; s++) {
      b.append("      - {name: http-").append(s).append(", number: ").append(10000 + s)
          .append(", targetPort: ").append(20000 + s).append(", protocol: HTTP}\n");
    }
    b.append("workspaces:\n  ops: {name: ops, configNamespace: ops-config}\n  apps:\n")
        .append("    - {name: app1, configNamespace: app1-configs, cluster: local, namespaces: [app1]}\n")
        .append("    - {name: app2, configNamespace: app2-configs, cluster: remote, namespaces: [app2]}\n")
        .append("externalServices:\n");
    for (int s = 0; s < services; s++) {
      b.append("  - name: svc-").append(s).append("\n")
          .append("    host: svc-").append(s).append(".example.com\n")
          .append("    workspace: app").append(1 + s % 2).append("\n")
          .append("    gatewayPort: http-").append(s).append("\n")
          .append("    ports: [{name: https, number: 443, protocol: HTTPS}]\n")
          .append("    tlsOrigination: {port: 443, mode: SIMPLE}\n");
    }
    return b.toString();
  }

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
  }
}
