package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.List;
import java.util.TreeSet;

/** The rules of the gateways: client mode, the east-west listener, target ports, allowed hosts. */
final class GatewayRules {
  private GatewayRules() {}

  static List<Rule> all() {
    return List.of(new ClientMode(), new EastWestListener(), new TargetPorts(), new AllowedHosts());
  }

  /** Every VirtualDestination sets clientMode tlsTermination (the setup's notes: "must"). */
  static final class ClientMode implements Rule {
    @Override
    public String name() {
      return "client-mode-tls-termination";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource vd : setup.ofKind("VirtualDestination")) {
        if (!vd.doc().path("spec").path("clientMode").has("tlsTermination")) {
          findings.error(vd, "spec.clientMode", "must be {tlsTermination: {}}: the path through the east-west "
              + "gateway terminates mTLS there, and an inherited or other client mode breaks it");
        }
      }
    }
  }

  /** The east-west gateway (the one with an AUTO_PASSTHROUGH listener) also has an ISTIO_MUTUAL HTTPS listener. */
  static final class EastWestListener implements Rule {
    @Override
    public String name() {
      return "east-west-tls-termination-listener";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource vg : setup.ofKind("VirtualGateway")) {
        YamlNode listeners = vg.doc().path("spec").path("listeners");
        boolean passthrough = false;
        boolean terminating = false;
        for (YamlNode l : listeners) {
          String mode = l.path("tls").path("mode").asText();
          passthrough |= mode.equals("AUTO_PASSTHROUGH");
          terminating |= mode.equals("ISTIO_MUTUAL") && l.path("appProtocol").asText().equals("HTTPS");
        }
        if (passthrough && !terminating) {
          findings.error(vg, "spec.listeners", "the east-west gateway needs a listener with appProtocol HTTPS and "
              + "tls.mode ISTIO_MUTUAL (the setup's additional port 443) for tlsTermination");
        }
      }
    }
  }

  /** VirtualDestination targetPort names exist on the egress gateway Service of the IstioOperator. */
  static final class TargetPorts implements Rule {
    @Override
    public String name() {
      return "target-ports-exist";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      TreeSet<String> names = new TreeSet<>();
      for (Resource iop : setup.ofKind("IstioOperator")) {
        for (YamlNode gw : iop.doc().path("spec").path("components").path("egressGateways")) {
          gw.path("k8s").path("service").path("ports").forEach(p -> names.add(p.path("name").asText()));
        }
      }
      for (Resource vd : setup.ofKind("VirtualDestination")) {
        if (!vd.doc().path("spec").has("services")) {
          continue;
        }
        YamlNode ports = vd.doc().path("spec").path("ports");
        for (int i = 0; i < ports.size(); i++) {
          String target = ports.get(i).path("targetPort").path("name").asText(null);
          if (target != null && !names.contains(target)) {
            findings.error(vd, "spec.ports[" + i + "].targetPort.name", "the egress gateway Service has no port named '"
                + target + "'; its ports: " + String.join(", ", names));
          }
        }
      }
    }
  }

  /** Route table hosts are allowed by the allowedRouteTables of the gateways they attach to. */
  static final class AllowedHosts implements Rule {
    @Override
    public String name() {
      return "route-table-hosts-allowed";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource rt : setup.ofKind("RouteTable")) {
        YamlNode gateways = rt.doc().path("spec").path("virtualGateways");
        String workspace = setup.ownerOf(rt).orElse("");
        for (int g = 0; g < gateways.size(); g++) {
          var vg = setup.find("VirtualGateway", gateways.get(g).path("namespace").asText(), gateways.get(g).path("name").asText());
          if (vg.isEmpty()) {
            continue; // reported by references-resolve
          }
          YamlNode hosts = rt.doc().path("spec").path("hosts");
          for (int h = 0; h < hosts.size(); h++) {
            if (!allowed(vg.get(), hosts.get(h).asText(), workspace)) {
              findings.error(rt, "spec.hosts[" + h + "]", "host " + hosts.get(h).asText() + " is not allowed by any "
                  + "listener of VirtualGateway " + vg.get().namespace() + "/" + vg.get().name()
                  + "; add it to a listener's allowedRouteTables");
            }
          }
        }
      }
    }

    private static boolean allowed(Resource vg, String host, String workspace) {
      for (YamlNode l : vg.doc().path("spec").path("listeners")) {
        YamlNode allowed = l.path("allowedRouteTables");
        if (allowed.isMissingNode() || allowed.isEmpty()) {
          return true; // no restriction
        }
        for (YamlNode a : allowed) {
          String ws = a.path("selector").path("workspace").asText(null);
          if (Setup.hostMatches(a.path("host").asText("*"), host) && (ws == null || ws.equals(workspace))) {
            return true;
          }
        }
      }
      return false;
    }
  }

}
