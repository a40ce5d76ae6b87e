package dev.meshgen.environment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One environment's properties after layering: the shared defaults, the environment's own file and
 * any {@code --set} overrides. The property file schema ({@code property-schema.json}) has already
 * checked types, ranges and required keys, so these records only guard against programmer errors.
 */
public record Environment(
    String name,
    Clusters clusters,
    Mesh mesh,
    Istio istio,
    Gateways gateways,
    Workspaces workspaces,
    List<ExternalService> externalServices,
    Gitops gitops,
    Verify verify,
    List<Acknowledgement> acknowledge) {

  public Environment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(istio, "istio");
    Objects.requireNonNull(gateways, "gateways");
    Objects.requireNonNull(workspaces, "workspaces");
    externalServices = List.copyOf(externalServices);
    gitops = gitops == null ? new Gitops(null, null, null, null, null) : gitops;
    verify = verify == null ? new Verify(false, null) : verify;
    acknowledge = acknowledge == null ? List.of() : List.copyOf(acknowledge);
  }

  /**
   * A warning the team has looked at and accepts, with why: {@code rule} and {@code resource}
   * ({@code Kind namespace/name}, or {@code Kind name}) say which finding (issue 12).
   */
  public record Acknowledgement(String rule, String resource, String reason) {
    public Acknowledgement {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The management cluster and the workload clusters, in one of two forms: the single form names
   * one {@code local} and one {@code remote} cluster (the reference setup); the fleet form lists
   * any number of {@code workload} clusters, each with its role (issue 13). {@code References}
   * checks that exactly one form is used.
   */
  public record Clusters(Cluster mgmt, Cluster local, Cluster remote, List<Cluster> workload) {
    public Clusters {
      Objects.requireNonNull(mgmt, "mgmt");
      workload = workload == null ? null : List.copyOf(workload);
    }

    /** True for the fleet form ({@code clusters.workload}). */
    public boolean isFleet() {
      return workload != null;
    }

    /**
     * Every workload cluster with its role, in the order of the properties: the single form's
     * local then remote cluster, or the fleet's list.
     */
    public List<Cluster> workloadClusters() {
      if (isFleet()) {
        return workload;
      }
      List<Cluster> out = new java.util.ArrayList<>();
      if (local != null) {
        out.add(local.withRole(LOCAL));
      }
      if (remote != null) {
        out.add(remote.withRole(REMOTE));
      }
      return List.copyOf(out);
    }

    /** The workload clusters of {@code role} ({@link #LOCAL} or {@link #REMOTE}). */
    public List<Cluster> ofRole(String role) {
      return workloadClusters().stream().filter(c -> role.equals(c.role())).toList();
    }

    /** The property path that names workload cluster {@code c}: {@code clusters.local.name} or {@code clusters.workload[2].name}. */
    public String propertyOf(Cluster c) {
      if (!isFleet()) {
        return "clusters." + c.role() + ".name";
      }
      for (int i = 0; i < workload.size(); i++) {
        if (workload.get(i).name().equals(c.name())) {
          return "clusters.workload[" + i + "].name";
        }
      }
      return "clusters.mgmt.name";
    }

    /** The role of the egress clusters, which install an egress gateway: named as its overlay, {@code overlays/local}. */
    public static final String LOCAL = "local";
    /** The role of clusters that send through another cluster's egress gateway. */
    public static final String REMOTE = "remote";
  }

  /**
   * A cluster as Gloo names it; its Istio network and its name in Argo CD (an Application's
   * {@code destination.name}) default to its name. {@code role} is set for workload clusters
   * ({@code local} or {@code remote}); {@code region} is optional and only groups the picture and
   * the fleet's failover.
   */
  public record Cluster(String name, String network, String argocdName, String role, String region) {
    public Cluster {
      Objects.requireNonNull(name, "name");
      network = network == null ? name : network;
      argocdName = argocdName == null ? name : argocdName;
    }

    Cluster withRole(String role) {
      return new Cluster(name, network, argocdName, role, region);
    }
  }

  /** Settings of the mesh as a whole. */
  public record Mesh(
      String adminNamespace,
      String rootTrustPolicy,
      String hostSuffix,
      String globalHostSuffix,
      String clusterDomain,
      PeerAuthentication peerAuthentication) {}

  /** The mesh-wide PeerAuthentication in the Istio namespace of each workload cluster. */
  public record PeerAuthentication(String name, String mode, Boolean allowNonStrict) {}

  /** The Istio install the egress gateway belongs to. */
  public record Istio(String namespace, String hub, String tag, String revision, String operatorNamespace) {}

  /** The east-west and egress gateways. {@code namespace} is the east-west gateway's. */
  public record Gateways(String namespace, EastWest eastWest, Egress egress) {}

  /** The east-west gateway that Gloo installs; meshgen only selects it. */
  public record EastWest(
      String virtualGateway,
      Map<String, String> labels,
      int tlsTerminationPort,
      int passthroughPort,
      String passthroughWorkspace) {
    public EastWest {
      labels = sorted(labels);
    }
  }

  /** The egress gateway that meshgen installs with an IstioOperator in the local cluster. */
  public record Egress(
      String namespace,
      String serviceName,
      String virtualGateway,
      String virtualDestination,
      String serviceType,
      Map<String, String> labels,
      List<GatewayPort> ports,
      String caCertificates) {
    /** The CA bundle of Istio's proxyv2 image (Ubuntu/Debian ca-certificates, and distroless). */
    public static final String PROXY_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

    public Egress {
      labels = sorted(labels);
      ports = List.copyOf(ports);
      caCertificates = Objects.requireNonNullElse(caCertificates, PROXY_CA_BUNDLE);
    }
  }

  /**
   * A port of the egress gateway Service. Ports with a protocol carry mesh traffic (a
   * VirtualDestination port and a VirtualGateway listener each); ports without one are on the
   * Service only.
   */
  public record GatewayPort(String name, int number, int targetPort, String protocol) {}

  /** The gateway workspace and the application workspaces. */
  public record Workspaces(OpsWorkspace ops, List<AppWorkspace> apps) {
    public Workspaces {
      Objects.requireNonNull(ops, "ops");
      apps = List.copyOf(apps);
    }
  }

  /** The workspace that owns the gateways and the admin namespace. */
  public record OpsWorkspace(String name, String configNamespace) {}

  /**
   * An application workspace: its config namespace on mgmt, where its namespaces live, and the
   * namespaces. {@code cluster} names a role ({@code local} or {@code remote}: every cluster of that
   * role); {@code clusters} names workload clusters; exactly one is set ({@code References}).
   */
  public record AppWorkspace(String name, String configNamespace, String cluster, List<String> clusters, List<String> namespaces) {
    public AppWorkspace {
      clusters = clusters == null ? null : List.copyOf(clusters);
      namespaces = List.copyOf(namespaces);
    }
  }

  /** The workload clusters that workspace {@code w}'s namespaces live on, in the order of the properties. */
  public List<Cluster> clustersOf(AppWorkspace w) {
    if (w.clusters() == null) {
      return w.cluster() == null ? List.of() : clusters.ofRole(w.cluster());
    }
    return clusters.workloadClusters().stream().filter(c -> w.clusters().contains(c.name())).toList();
  }

  /**
   * A service outside the mesh, reached through its own port (path) of the egress gateway.
   * {@code meshPort} is the HTTP port apps call on the mesh host when the service has no HTTP port
   * of its own (null: 80); {@code consumers} are the app workspaces that may call it (null: all).
   */
  public record ExternalService(
      String name,
      String host,
      String workspace,
      String gatewayPort,
      List<ServicePort> ports,
      TlsOrigination tlsOrigination,
      RouteTableNames routeTables,
      Integer meshPort,
      List<String> consumers,
      Check verify) {
    public ExternalService {
      ports = List.copyOf(ports);
      routeTables = routeTables == null ? new RouteTableNames(null, null, null) : routeTables;
      consumers = consumers == null ? null : List.copyOf(consumers);
      verify = verify == null ? new Check(null, null) : verify;
    }

    /**
     * The HTTP port apps call on the mesh host ({@code http://<name>.<hostSuffix>[:port]}): the
     * configured {@code meshPort}, else the service's first HTTP port, else 80. The mesh route
     * table's HTTP routes apply only to HTTP ports (issue 10).
     */
    public int meshHttpPort() {
      if (meshPort != null) {
        return meshPort;
      }
      return ports.stream().filter(p -> "HTTP".equals(p.protocol())).mapToInt(ServicePort::number).findFirst().orElse(80);
    }

    /** True when workspace {@code app} may call this service. */
    public boolean consumedBy(String app) {
      return consumers == null || consumers.contains(app);
    }
  }

  /**
   * What the proof-of-function Job asks of a service: {@code GET path}, answered with one of the
   * {@code expect} status codes (a single code or a list in the property file). Defaults: {@code /}
   * and 200, the reference's check.
   */
  public record Check(String path, List<Integer> expect) {
    public Check {
      path = Objects.requireNonNullElse(path, "/");
      expect = expect == null || expect.isEmpty() ? List.of(200) : List.copyOf(expect);
    }
  }

  /** A port of an external service. */
  public record ServicePort(String name, int number, String protocol) {}

  /**
   * Where and how the egress gateway originates TLS to the external service, and how it verifies
   * the server: against the proxy image's CA bundle by default, or the CA in the Secret
   * {@code credentialName} (a name only; the Secret lives in the egress gateway's namespace).
   */
  public record TlsOrigination(int port, String mode, Boolean verify, String credentialName, List<String> subjectAltNames) {
    public TlsOrigination {
      verify = verify == null || verify;
      subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }

    public boolean verifies() {
      return verify;
    }
  }

  /** Optional names for a service's three route tables; unset ones are derived from its name. */
  public record RouteTableNames(String mesh, String eastWest, String gateway) {}

  /**
   * Where the generated repository lives and how Flux and Argo CD pick it up. Without
   * {@code repoUrl} no entry points are rendered. {@code path} is the folder of the repository
   * that holds the environment folders ("" for its root).
   */
  public record Gitops(String repoUrl, String branch, String path, Flux flux, ArgoCd argocd) {
    public Gitops {
      branch = Objects.requireNonNullElse(branch, "main");
      path = Objects.requireNonNullElse(path, "");
      flux = flux == null ? new Flux(null, null, null, null, null) : flux;
      argocd = argocd == null ? new ArgoCd(null, null) : argocd;
    }

    /** {@link #repoUrl} in the form Flux's GitRepository accepts (see {@link #fluxUrl(String)}); null without one. */
    public String fluxUrl() {
      return repoUrl == null ? null : fluxUrl(repoUrl);
    }

    /**
     * {@code url} as Flux accepts it: its GitRepository takes only http, https and ssh URLs, so
     * the scp-like {@code git@host:org/repo.git} becomes {@code ssh://git@host/org/repo.git} (a path
     * written absolute, {@code host:/srv/repo.git}, stays absolute); other URLs are unchanged.
     */
    public static String fluxUrl(String url) {
      java.util.regex.Matcher scp = SCP_LIKE.matcher(url);
      if (!scp.matches()) {
        return url;
      }
      String path = scp.group(2);
      return "ssh://" + scp.group(1) + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static final java.util.regex.Pattern SCP_LIKE =
        java.util.regex.Pattern.compile("^([^/@:]+@[^/:]+):(?!//)(.+)$");
  }

  /**
   * The Flux objects of each cluster: the GitRepository (named {@code source} plus a hash of its
   * URL and branch, so environments on other repositories or branches never share one) and the
   * Kustomization live in {@code namespace}; {@code dependsOn} names, per cluster role, the Kustomizations the
   * platform already has that install the owners of the CRDs meshgen's resources use;
   * {@code secretRef} names the Secret (in {@code namespace}) holding the repository's SSH key or
   * HTTPS token, if it needs one.
   */
  public record Flux(String namespace, String source, String interval, RoleNames dependsOn, String secretRef) {
    public Flux {
      namespace = Objects.requireNonNullElse(namespace, "flux-system");
      source = Objects.requireNonNullElse(source, "mesh-gitops");
      interval = Objects.requireNonNullElse(interval, "10m");
      dependsOn = dependsOn == null ? new RoleNames(null, null, null) : dependsOn;
    }
  }

  /** A list of names per cluster role. */
  public record RoleNames(List<String> mgmt, List<String> local, List<String> remote) {
    public RoleNames {
      mgmt = mgmt == null ? List.of() : List.copyOf(mgmt);
      local = local == null ? List.of() : List.copyOf(local);
      remote = remote == null ? List.of() : List.copyOf(remote);
    }
  }

  /** The Argo CD instance that syncs the clusters: its namespace and the AppProject to use. */
  public record ArgoCd(String namespace, String project) {
    public ArgoCd {
      namespace = Objects.requireNonNullElse(namespace, "argocd");
      project = Objects.requireNonNullElse(project, "default");
    }
  }

  /** The optional proof-of-function Jobs: one per source namespace and external service. */
  public record Verify(boolean enabled, String image) {
    public Verify {
      image = Objects.requireNonNullElse(image, "curlimages/curl:8.5.0");
    }
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
