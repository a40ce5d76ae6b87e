package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every reference resolves: route table destinations and virtual gateways exist (on a port they
 * have), an ExternalService selects an ExternalEndpoint, a VirtualDestination selects an
 * ExternalService.
 */
final class ReferencesResolve implements Rule {
  private static final Map<String, String> DESTINATION_KINDS =
      Map.of("VIRTUAL_DESTINATION", "VirtualDestination", "EXTERNAL_SERVICE", "ExternalService");

  @Override
  public String name() {
    return "references-resolve";
  }

  @Override
  public void check(Setup setup, Findings findings) {
    for (Resource rt : setup.ofKind("RouteTable")) {
      YamlNode http = rt.doc().path("spec").path("http");
      for (int i = 0; i < http.size(); i++) {
        YamlNode destinations = http.get(i).path("forwardTo").path("destinations");
        for (int j = 0; j < destinations.size(); j++) {
          YamlNode d = destinations.get(j);
          String kind = DESTINATION_KINDS.get(d.path("kind").asText());
          if (kind == null) {
            continue; // SERVICE and CLOUD_PROVIDER destinations live outside the rendered setup
          }
          String path = "spec.http[" + i + "].forwardTo.destinations[" + j + "]";
          String ns = d.path("ref").path("namespace").asText();
          String name = d.path("ref").path("name").asText();
          var target = setup.find(kind, ns, name);
          if (target.isEmpty()) {
            findings.error(rt, path + ".ref", kind + " " + ns + "/" + name + " does not exist; known: "
                + known(setup, kind) + ". Point the destination at one of them");
            continue;
          }
          int port = d.path("port").path("number").asInt(-1);
          if (port > 0 && !hasPort(target.get(), port)) {
            findings.error(rt, path + ".port.number", kind + " " + ns + "/" + name + " has no port " + port
                + "; its ports: " + ports(target.get()));
          }
        }
      }
      YamlNode gateways = rt.doc().path("spec").path("virtualGateways");
      for (int i = 0; i < gateways.size(); i++) {
        String ns = gateways.get(i).path("namespace").asText();
        String name = gateways.get(i).path("name").asText();
        if (setup.find("VirtualGateway", ns, name).isEmpty()) {
          findings.error(rt, "spec.virtualGateways[" + i + "]", "VirtualGateway " + ns + "/" + name
              + " does not exist; known: " + known(setup, "VirtualGateway"));
        }
      }
    }
    for (Resource es : setup.ofKind("ExternalService")) {
      YamlNode selector = es.doc().path("spec").path("selector");
      if (selector.isObject() && setup.ofKind("ExternalEndpoint").stream()
          .noneMatch(ee -> Setup.selects(selector, ee.doc().path("metadata").path("labels")))) {
        findings.error(es, "spec.selector", "selects no ExternalEndpoint (by metadata.labels " + selector
            + "); label the ExternalEndpoint or fix the selector");
      }
    }
    for (Resource vd : setup.ofKind("VirtualDestination")) {
      YamlNode selectors = vd.doc().path("spec").path("externalServices");
      for (int i = 0; i < selectors.size(); i++) {
        YamlNode labels = selectors.get(i).path("labels");
        if (setup.ofKind("ExternalService").stream()
            .noneMatch(es -> Setup.selects(labels, es.doc().path("metadata").path("labels")))) {
          findings.error(vd, "spec.externalServices[" + i + "]", "selects no ExternalService (by metadata.labels "
              + labels + "); label the ExternalService or fix the selector");
        }
      }
    }
  }

  private static boolean hasPort(Resource target, int port) {
    for (YamlNode p : target.doc().path("spec").path("ports")) {
      if (p.path("number").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  private static String ports(Resource target) {
    StringBuilder b = new StringBuilder();
    target.doc().path("spec").path("ports").forEach(p -> b.append(b.length() == 0 ? "" : ", ").append(p.path("number").asText()));
    return b.toString();
  }

  private static String known(Setup setup, String kind) {
    String names = setup.ofKind(kind).stream().map(r -> r.namespace() + "/" + r.name()).sorted().collect(Collectors.joining(", "));
    return names.isEmpty() ? "none" : names;
  }
}
