package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rules that keep traffic flowing on the cluster for any environment, not only the reference
 * (issue 10): an HTTP port for the mesh route, the external host's name, a verified and named
 * server, selectors that select, the east-west ports Gloo looks for, least privilege, no stray ports.
 */
final class TrafficRules {
  private TrafficRules() {}

  static List<Rule> all() {
    return List.of(new HttpRoutePort(), new EgressHostRewrite(), new TlsOriginationVerifies(), new GatewaySelectors(),
        new EastWestPorts(), new ExportsLeastPrivilege(), new UnusedGatewayPort());
  }

  /** Protocols whose VirtualDestination ports carry a route table's {@code http} routes. */
  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC");

  /**
   * The mesh route table (the one for sidecars: no virtual gateways) of a host applies only to the
   * host's HTTP ports; plain HTTP sent to an HTTPS port is TLS-sniffed, not routed.
   */
  static final class HttpRoutePort implements Rule {
    @Override
    public String name() {
      return "http-route-port";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource rt : setup.ofKind("RouteTable")) {
        YamlNode spec = rt.doc().path("spec");
        if (spec.has("virtualGateways") || !spec.has("http")) {
          continue;
        }
        YamlNode hosts = spec.path("hosts");
        for (int h = 0; h < hosts.size(); h++) {
          String host = hosts.get(h).asText();
          for (Resource vd : setup.ofKind("VirtualDestination")) {
            if (!contains(vd.doc().path("spec").path("hosts"), host)) {
              continue;
            }
            List<String> ports = new ArrayList<>();
            boolean http = false;
            for (YamlNode p : vd.doc().path("spec").path("ports")) {
              ports.add(p.path("number").asText() + " " + p.path("protocol").asText());
              http |= HTTP_PROTOCOLS.contains(p.path("protocol").asText());
            }
            if (!http) {
              findings.error(rt, "spec.hosts[" + h + "]", "host " + host + " has no HTTP port on VirtualDestination "
                  + vd.namespace() + "/" + vd.name() + " (ports: " + String.join(", ", ports) + "), so these http routes "
                  + "apply nowhere and apps cannot call http://" + host + "; give the host an HTTP port "
                  + "(externalServices[].meshPort, default 80)");
            }
          }
        }
      }
    }
  }

  /** The egress gateway's route to an ExternalService rewrites Host to the external host (virtual hosting). */
  static final class EgressHostRewrite implements Rule {
    @Override
    public String name() {
      return "egress-host-rewrite";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource rt : setup.ofKind("RouteTable")) {
        YamlNode routes = rt.doc().path("spec").path("http");
        for (int i = 0; i < routes.size(); i++) {
          YamlNode forward = routes.get(i).path("forwardTo");
          for (YamlNode d : forward.path("destinations")) {
            if (!d.path("kind").asText().equals("EXTERNAL_SERVICE")) {
              continue;
            }
            var es = setup.find("ExternalService", d.path("ref").path("namespace").asText(), d.path("ref").path("name").asText());
            if (es.isEmpty()) {
              continue; // reported by references-resolve
            }
            List<String> hosts = new ArrayList<>();
            es.get().doc().path("spec").path("hosts").forEach(x -> hosts.add(x.asText()));
            String rewrite = forward.path("hostRewrite").asText(null);
            String base = "spec.http[" + i + "].forwardTo";
            if (rewrite == null) {
              findings.error(rt, base, "forwards to ExternalService " + es.get().namespace() + "/" + es.get().name()
                  + " without hostRewrite, so it receives the mesh host as Host and virtual-hosted APIs answer 4xx; "
                  + "set hostRewrite: " + String.join(" or ", hosts));
            } else if (!hosts.contains(rewrite)) {
              findings.error(rt, base + ".hostRewrite", "rewrites Host to " + rewrite + ", which is not a host of "
                  + "ExternalService " + es.get().namespace() + "/" + es.get().name() + " (" + String.join(", ", hosts) + ")");
            }
          }
        }
      }
    }
  }

  /**
   * TLS origination names the server (sni) and verifies it (caCertificates or credentialName):
   * Istio 1.16 does neither by default. The rule stays with the egress gateway's namespace.
   */
  static final class TlsOriginationVerifies implements Rule {
    @Override
    public String name() {
      return "tls-origination-verifies";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource dr : setup.ofKind("DestinationRule")) {
        YamlNode spec = dr.doc().path("spec");
        String host = spec.path("host").asText();
        YamlNode settings = spec.path("trafficPolicy").path("portLevelSettings");
        boolean originates = false;
        for (int i = 0; i < settings.size(); i++) {
          YamlNode tls = settings.get(i).path("tls");
          String mode = tls.path("mode").asText();
          if (!mode.equals("SIMPLE") && !mode.equals("MUTUAL")) {
            continue;
          }
          originates = true;
          String base = "spec.trafficPolicy.portLevelSettings[" + i + "].tls";
          if (!tls.has("sni")) {
            findings.error(dr, base, "originates TLS to " + host + " without sni: Istio 1.16 sends no SNI by default, "
                + "so SNI-routed servers fail; set sni: " + host);
          }
          if (!tls.has("caCertificates") && !tls.has("credentialName")) {
            if (tls.path("insecureSkipVerify").asText("").equals("true")) {
              findings.warning(dr, base + ".insecureSkipVerify", "the egress gateway does not verify " + host
                  + " (tlsOrigination.verify: false): a man in the middle goes unnoticed; verify against the proxy's CA "
                  + "bundle or a private CA (tlsOrigination.credentialName)");
            } else {
              findings.error(dr, base, "originates TLS to " + host + " without verifying it: Istio 1.16 checks the server "
                  + "certificate only with caCertificates or credentialName; set one (meshgen renders the proxy image's CA "
                  + "bundle, or tlsOrigination.credentialName for a private CA)");
            }
          }
        }
        if (originates) {
          YamlNode exportTo = spec.path("exportTo");
          boolean local = exportTo.size() > 0;
          for (YamlNode scope : exportTo) {
            local &= scope.asText().equals(".") || scope.asText().equals(dr.namespace());
          }
          if (!local) {
            findings.error(dr, exportTo.isMissingNode() ? "spec" : "spec.exportTo", "the TLS origination rule for " + host
                + " applies beyond its own namespace (mesh-wide without exportTo), so sidecars originate TLS too; "
                + "set exportTo: ['.'] in the egress gateway's namespace");
          }
        }
      }
    }
  }

  /**
   * Gateway selectors select a gateway that exists: the egress gateway the IstioOperator installs
   * (with the labels Istio gives it, or those the IstioOperator sets) or one the platform installs.
   */
  static final class GatewaySelectors implements Rule {
    /** What Istio's egress gateway chart labels the gateway with unless the IstioOperator says otherwise. */
    private static final Map<String, String> ISTIO_EGRESS_DEFAULTS = Map.of("app", "istio-egressgateway", "istio", "egressgateway");

    @Override
    public String name() {
      return "gateway-selectors-match";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      Map<String, Map<String, String>> gateways = new LinkedHashMap<>();
      for (Resource iop : setup.ofKind("IstioOperator")) {
        for (YamlNode gw : iop.doc().path("spec").path("components").path("egressGateways")) {
          Map<String, String> labels = new TreeMap<>(ISTIO_EGRESS_DEFAULTS);
          var it = gw.path("label").fields();
          while (it.hasNext()) {
            var e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
          }
          gateways.put("egress gateway " + gw.path("name").asText() + " (IstioOperator " + iop.name() + ")", labels);
        }
      }
      for (Map<String, String> labels : setup.platformGateways()) {
        gateways.put("east-west gateway (gateways.eastWest.labels)", new TreeMap<>(labels));
      }
      for (Resource vd : setup.ofKind("VirtualDestination")) {
        YamlNode services = vd.doc().path("spec").path("services");
        for (int i = 0; i < services.size(); i++) {
          check(findings, vd, "spec.services[" + i + "].labels", services.get(i).path("labels"), gateways);
        }
      }
      for (Resource vg : setup.ofKind("VirtualGateway")) {
        YamlNode workloads = vg.doc().path("spec").path("workloads");
        for (int i = 0; i < workloads.size(); i++) {
          check(findings, vg, "spec.workloads[" + i + "].selector.labels", workloads.get(i).path("selector").path("labels"), gateways);
        }
      }
    }

    private static void check(Findings findings, Resource r, String path, YamlNode selector,
        Map<String, Map<String, String>> gateways) {
      if (!selector.isObject() || selector.isEmpty()) {
        return;
      }
      Map<String, String> wanted = new TreeMap<>();
      var it = selector.fields();
      while (it.hasNext()) {
        var e = it.next();
        wanted.put(e.getKey(), e.getValue().asText());
      }
      for (Map<String, String> labels : gateways.values()) {
        if (labels.entrySet().containsAll(wanted.entrySet())) {
          return;
        }
      }
      String known = gateways.entrySet().stream().map(g -> g.getKey() + " " + g.getValue())
          .collect(Collectors.joining("; "));
      findings.error(r, path, "selects no gateway: labels " + wanted + " are on neither the gateways meshgen installs "
          + "nor those the platform does (" + known + "); set gateways.egress.labels or gateways.eastWest.labels "
          + "to the labels the gateway has");
    }
  }

  /**
   * Gloo finds the east-west gateway's ports by name ({@code https}, {@code tls}) unless each
   * workspace's settings name them: a listener port other than 443 (tlsTermination) or 15443
   * (passthrough) needs {@code options.eastWestGateways}.
   */
  static final class EastWestPorts implements Rule {
    @Override
    public String name() {
      return "east-west-tls-termination-port";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource vg : setup.ofKind("VirtualGateway")) {
        Integer termination = null;
        Integer passthrough = null;
        for (YamlNode l : vg.doc().path("spec").path("listeners")) {
          String mode = l.path("tls").path("mode").asText();
          if (mode.equals("AUTO_PASSTHROUGH")) {
            passthrough = l.path("port").path("number").asInt();
          } else if (mode.equals("ISTIO_MUTUAL") && l.path("appProtocol").asText().equals("HTTPS")) {
            termination = l.path("port").path("number").asInt();
          }
        }
        if (passthrough == null) {
          continue; // not the east-west gateway
        }
        for (Resource ws : setup.ofKind("WorkspaceSettings")) {
          YamlNode selectors = ws.doc().path("spec").path("options").path("eastWestGateways");
          if (termination != null && termination != 443 && !names(selectors, "tlsTerminationPort", termination)) {
            findings.error(ws, "spec.options", "the east-west gateway " + vg.name() + " terminates TLS on port "
                + termination + ", but Gloo looks for the Service port named https unless options.eastWestGateways[]"
                + ".tlsTerminationPort names it; add {tlsTerminationPort: {number: " + termination + "}} (meshgen renders "
                + "it from gateways.eastWest.tlsTerminationPort)");
          }
          if (passthrough != 15443 && !names(selectors, "port", passthrough)) {
            findings.error(ws, "spec.options", "the east-west gateway " + vg.name() + " passes TLS through on port "
                + passthrough + ", but Gloo looks for the Service port named tls unless options.eastWestGateways[].port "
                + "names it; add {port: {number: " + passthrough + "}} (meshgen renders it from gateways.eastWest.passthroughPort)");
          }
        }
      }
    }

    private static boolean names(YamlNode selectors, String field, int port) {
      for (YamlNode s : selectors) {
        if (s.path(field).path("number").asInt(-1) == port) {
          return true;
        }
      }
      return false;
    }
  }

  /** A workspace exports a resource only to workspaces that use it (least privilege, warning). */
  static final class ExportsLeastPrivilege implements Rule {
    private static final Map<String, String> KIND_OF_SETTINGS = WorkspaceSharing.SETTINGS_KIND.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    @Override
    public String name() {
      return "exports-least-privilege";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      Set<String> used = new java.util.HashSet<>();
      WorkspaceSharing.uses(setup).forEach(u -> used.add(u.user() + " " + u.resource().id()));
      for (Resource ws : setup.ofKind("WorkspaceSettings")) {
        YamlNode entries = ws.doc().path("spec").path("exportTo");
        for (int i = 0; i < entries.size(); i++) {
          YamlNode resources = entries.get(i).path("resources");
          for (YamlNode w : entries.get(i).path("workspaces")) {
            String peer = w.path("name").asText("*");
            for (int r = 0; r < resources.size(); r++) {
              YamlNode res = resources.get(r);
              String kind = KIND_OF_SETTINGS.get(res.path("kind").asText());
              if (peer.equals("*") || kind == null || !res.has("name") || !res.has("namespace")) {
                continue; // wildcards are a choice this rule cannot second-guess
              }
              var target = setup.find(kind, res.path("namespace").asText(), res.path("name").asText());
              if (target.isPresent() && !used.contains(peer + " " + target.get().id())) {
                findings.warning(ws, "spec.exportTo[" + i + "].resources[" + r + "]", "exports " + kind + " "
                    + target.get().namespace() + "/" + target.get().name() + " to workspace " + peer + ", which nothing "
                    + "of " + peer + " uses; export only to the consumers (externalServices[].consumers)");
              }
            }
          }
        }
      }
    }
  }

  /** An egress gateway port that no route forwards to stays open for nothing (warning). */
  static final class UnusedGatewayPort implements Rule {
    @Override
    public String name() {
      return "unused-gateway-port";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      Set<String> targeted = new java.util.HashSet<>();
      for (Resource rt : setup.ofKind("RouteTable")) {
        for (YamlNode route : rt.doc().path("spec").path("http")) {
          for (YamlNode d : route.path("forwardTo").path("destinations")) {
            if (d.path("kind").asText().equals("VIRTUAL_DESTINATION")) {
              targeted.add(d.path("ref").path("namespace").asText() + "/" + d.path("ref").path("name").asText()
                  + ":" + d.path("port").path("number").asText());
            }
          }
        }
      }
      for (Resource vd : setup.ofKind("VirtualDestination")) {
        if (!vd.doc().path("spec").has("services")) {
          continue; // only the gateway's VirtualDestination selects services
        }
        YamlNode ports = vd.doc().path("spec").path("ports");
        for (int i = 0; i < ports.size(); i++) {
          String number = ports.get(i).path("number").asText();
          if (!targeted.contains(vd.namespace() + "/" + vd.name() + ":" + number)) {
            findings.warning(vd, "spec.ports[" + i + "]", "no route table forwards to port " + number + " of "
                + vd.namespace() + "/" + vd.name() + ", so no external service uses it, yet it stays open on the egress "
                + "gateway (IstioOperator, VirtualDestination, VirtualGateway); remove it from gateways.egress.ports");
          }
        }
      }
    }
  }

  private static boolean contains(YamlNode list, String value) {
    for (YamlNode x : list) {
      if (x.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
