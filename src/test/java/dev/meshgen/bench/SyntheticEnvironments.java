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

  /** Clusters per region in {@link #fleet}: one egress cluster and the rest remote. */
  static final int CLUSTERS_PER_REGION = 10;

  /**
   * Writes one fleet environment, {@code fleet.yaml}: a management cluster and {@code clusters}
   * workload clusters in regions of {@value #CLUSTERS_PER_REGION} (one egress cluster each, the rest
   * remote), with {@code services} external services; one app workspace per region on its remote
   * clusters, and one on every remote cluster (issue 13).
   */
  public static void writeFleet(Path dir, Path defaults, int clusters, int services) throws IOException {
    Files.createDirectories(dir);
    Files.copy(defaults, dir.resolve("_defaults.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("fleet.yaml"), fleet(clusters, services));
  }

  static String fleet(int clusters, int services) {
    int regions = (clusters + CLUSTERS_PER_REGION - 1) / CLUSTERS_PER_REGION;
    StringBuilder b = new StringBuilder()
        .append("clusters:\n  mgmt: {name: mgmt}\n  workload:\n");
    for (int c = 0; c < clusters; c++) {
      int region = c / CLUSTERS_PER_REGION;
      boolean egress = c % CLUSTERS_PER_REGION == 0;
      b.append("    - {name: ").append(egress ? "egress-" + region : "apps-" + c)
          .append(", role: ").append(egress ? "local" : "remote").append(", region: region-").append(region).append("}\n");
    }
    b.append("istio: {revision: 1-16, tag: 1.16.0-solo, operatorNamespace: gm-iop-1-16}\n")
        .append("gitops: {repoUrl: https://git.example.com/platform/fleet.git}\n")
        .append("gateways:\n  egress:\n    ports:\n")
        .append("      - {name: tls, number: 15443, targetPort: 15443}\n");
    for (int s = 0; s < services; s++) {
      b.append("      - {name: http-").append(s).append(", number: ").append(10000 + s)
          .append(", targetPort: ").append(20000 + s).append(", protocol: HTTP}\n");
    }
    b.append("workspaces:\n  ops: {name: ops, configNamespace: ops-config}\n  apps:\n")
        .append("    - {name: shared, configNamespace: shared-config, cluster: remote, namespaces: [shared]}\n");
    for (int r = 0; r < regions; r++) {
      StringBuilder names = new StringBuilder();
      for (int c = r * CLUSTERS_PER_REGION + 1; c < Math.min(clusters, (r + 1) * CLUSTERS_PER_REGION); c++) {
        names.append(names.length() == 0 ? "" : ", ").append("apps-").append(c);
      }
      if (names.length() > 0) {
        b.append("    - {name: region-").append(r).append(", configNamespace: region-").append(r)
            .append("-config, clusters: [").append(names).append("], namespaces: [app-").append(r).append("]}\n");
      }
    }
    b.append("externalServices:\n");
    for (int s = 0; s < services; s++) {
      b.append("  - name: svc-").append(s).append("\n")
          .append("    host: svc-").append(s).append(".example.com\n")
          .append("    workspace: shared\n")
          .append("    gatewayPort: http-").append(s).append("\n")
          .append("    ports: [{name: https, number: 443, protocol: HTTPS}]\n")
          .append("    tlsOrigination: {port: 443, mode: SIMPLE}\n");
    }
    return b.toString();
  }

  /** {@code DIR DEFAULTS ENVIRONMENTS SERVICES}, or {@code fleet DIR DEFAULTS CLUSTERS SERVICES}. */
  public static void main(String[] args) throws IOException {
    if (args[0].equals("fleet")) {
      writeFleet(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
    write(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
  }
}
