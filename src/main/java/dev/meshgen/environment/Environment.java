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
    List<ExternalService> externalServices) {

  public Environment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(istio, "istio");
    Objects.requireNonNull(gateways, "gateways");
    Objects.requireNonNull(workspaces, "workspaces");
    externalServices = List.copyOf(externalServices);
  }

  /** The management cluster and the two workload cluster roles. */
  public record Clusters(Cluster mgmt, Cluster local, Cluster remote) {
    public Clusters {
      Objects.requireNonNull(mgmt, "mgmt");
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(remote, "remote");
    }
  }

  /** A cluster as Gloo names it; its Istio network defaults to its name. */
  public record Cluster(String name, String network) {
    public Cluster {
      Objects.requireNonNull(name, "name");
      network = network == null ? name : network;
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
      List<GatewayPort> ports) {
    public Egress {
      labels = sorted(labels);
      ports = List.copyOf(ports);
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

  /** An application workspace: its config namespace on mgmt, its cluster role and namespaces. */
  public record AppWorkspace(String name, String configNamespace, String cluster, List<String> namespaces) {
    public AppWorkspace {
      namespaces = List.copyOf(namespaces);
    }
  }

  /** A service outside the mesh, reached through its own port (path) of the egress gateway. */
  public record ExternalService(
      String name,
      String host,
      String workspace,
      String gatewayPort,
      List<ServicePort> ports,
      TlsOrigination tlsOrigination,
      RouteTableNames routeTables) {
    public ExternalService {
      ports = List.copyOf(ports);
      routeTables = routeTables == null ? new RouteTableNames(null, null, null) : routeTables;
    }
  }

  /** A port of an external service. */
  public record ServicePort(String name, int number, String protocol) {}

  /** Where and how the egress gateway originates TLS to the external service. */
  public record TlsOrigination(int port, String mode) {}

  /** Optional names for a service's three route tables; unset ones are derived from its name. */
  public record RouteTableNames(String mesh, String eastWest, String gateway) {}

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
