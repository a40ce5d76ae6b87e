package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.ExternalService;

/**
 * Every name that one resource uses to point at another, computed once from the properties, so
 * the hosts, selectors and references of the rendered resources cannot drift apart.
 */
record Names(Environment env) {

  /** The egress gateway's Service and Deployment: {@code <serviceName>-<revision>}. */
  String egressService() {
    return env.gateways().egress().serviceName() + "-" + env.istio().revision();
  }

  /** The egress gateway Service's in-cluster host. */
  String egressServiceHost() {
    return egressService() + "." + env.gateways().egress().namespace() + ".svc." + env.mesh().clusterDomain();
  }

  /** The host of the egress gateway's VirtualDestination: {@code <service>.<globalHostSuffix>}. */
  String egressGlobalHost() {
    return egressService() + "." + env.mesh().globalHostSuffix();
  }

  String sniRuleForService() {
    return egressService() + "-svc";
  }

  String sniRuleForVirtualDestination() {
    return egressService() + "-vd";
  }

  /** The clusters and where each one's resources go. */
  Topology topology() {
    return new Topology(env);
  }

  /** The IstioOperator that installs the egress gateway in egress cluster {@code cluster}. */
  String istioOperator(Environment.Cluster cluster) {
    return env.gateways().egress().namespace() + "-" + cluster.name() + "-" + env.istio().revision();
  }

  /** The route-table host pattern the egress gateway admits: every mesh host. */
  String meshHostPattern() {
    return "*." + env.mesh().hostSuffix();
  }

  String meshHost(ExternalService s) {
    return s.name() + "." + env.mesh().hostSuffix();
  }

  String serviceVirtualDestination(ExternalService s) {
    return meshHost(s).replace('.', '-');
  }

  String externalEndpoint(ExternalService s) {
    return s.name() + "-external-endpoint";
  }

  String externalService(ExternalService s) {
    return s.name() + "-external-service";
  }

  /** Label an ExternalEndpoint carries and its ExternalService selects. */
  String endpointLabelKey() {
    return "endpoint";
  }

  /** Label an ExternalService carries and its VirtualDestination selects. */
  String serviceLabelKey() {
    return "service";
  }

  String meshRouteTable(ExternalService s) {
    return orElse(s.routeTables().mesh(), s.name() + "-route-mesh");
  }

  String eastWestRouteTable(ExternalService s) {
    return orElse(s.routeTables().eastWest(), s.name() + "-egress-to-egress");
  }

  String gatewayRouteTable(ExternalService s) {
    return orElse(s.routeTables().gateway(), s.name() + "-route-gateway");
  }

  /** The route name on the two gateway hops. */
  String appRoute(ExternalService s) {
    return s.name() + "-app";
  }

  /** The app workspaces that may call {@code s}, in the order of the properties. */
  java.util.List<Environment.AppWorkspace> consumers(ExternalService s) {
    return env.workspaces().apps().stream().filter(w -> s.consumedBy(w.name())).toList();
  }

  /** The external services that workspace {@code w} may call, in the order of the properties. */
  java.util.List<ExternalService> consumed(Environment.AppWorkspace w) {
    return env.externalServices().stream().filter(s -> s.consumedBy(w.name())).toList();
  }

  /** The config namespace of the workspace that owns {@code s}. */
  String configNamespace(ExternalService s) {
    return env.workspaces().apps().stream()
        .filter(w -> w.name().equals(s.workspace()))
        .map(Environment.AppWorkspace::configNamespace)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unchecked workspace " + s.workspace()));
  }

  /**
   * The Flux GitRepository of the environment's repository and branch: {@code <flux.source>-<8 hex
   * digits of SHA-256 over URL and branch>}. Environments on one cluster that read the same
   * repository and branch share it (identical content); any other pair gets its own, so one
   * environment never rewrites another's URL or branch (issue 10).
   */
  String fluxSource() {
    var gitops = env.gitops();
    String key = gitops.fluxUrl() + "\n" + gitops.branch();
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return gitops.flux().source() + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A folder of the environment's tree in the GitOps repository, relative to its root. */
  String repositoryPath(Unit unit) {
    String prefix = env.gitops().path();
    return (prefix.isEmpty() ? "" : prefix + "/") + env.name() + "/" + unit.folder();
  }

  /** A workload cluster's verify Flux Kustomization and Argo CD Application: {@code <entry point>-verify}. */
  String verifyEntryPoint(Topology.Placement p) {
    return p.entryPoint() + "-verify";
  }

  /** The proof-of-function Job for {@code s} in each source namespace. */
  String verifyJob(ExternalService s) {
    return "verify-" + s.name();
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
