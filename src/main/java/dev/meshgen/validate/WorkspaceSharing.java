package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-workspace references are covered on both sides: the owner's WorkspaceSettings export the
 * resource to the using workspace, and the user's import it from the owner.
 */
final class WorkspaceSharing implements Rule {
  static final Map<String, String> SETTINGS_KIND = Map.of(
      "RouteTable", "ROUTE_TABLE", "VirtualDestination", "VIRTUAL_DESTINATION", "ExternalService", "EXTERNAL_SERVICE");

  /** Workspace {@code user} needs {@code resource}, because of {@code why}. */
  record Use(String user, Resource resource, String why) {}

  @Override
  public String name() {
    return "workspace-sharing";
  }

  @Override
  public void check(Setup setup, Findings findings) {
    Set<Use> uses = uses(setup);
    Set<String> reported = new java.util.HashSet<>();
    for (Use use : uses) {
      Optional<String> owner = setup.ownerOf(use.resource());
      if (owner.isEmpty() || owner.get().equals(use.user())
          || !reported.add(use.user() + " " + use.resource().file())) {
        continue; // one finding per user and resource, with the first reason found
      }
      String what = use.resource().kind() + " " + use.resource().namespace() + "/" + use.resource().name();
      report(setup, findings, owner.get(), use, "exportTo", use.user(),
          "workspace " + owner.get() + " does not export " + what + " to " + use.user() + ", which needs it because "
              + use.why() + "; add it to exportTo");
      report(setup, findings, use.user(), use, "importFrom", owner.get(),
          "workspace " + use.user() + " does not import " + what + " from " + owner.get() + ", which it needs because "
              + use.why() + "; add it to importFrom");
    }
  }

  /** Every cross- or same-workspace use of a Gloo resource that the rendered resources imply. */
  static Set<Use> uses(Setup setup) {
    Set<Use> uses = new LinkedHashSet<>();
    for (Resource rt : setup.ofKind("RouteTable")) {
      Optional<String> rtOwner = setup.ownerOf(rt);
      if (rtOwner.isEmpty()) {
        continue;
      }
      Set<Resource> destinations = new LinkedHashSet<>();
      for (YamlNode route : rt.doc().path("spec").path("http")) {
        for (YamlNode d : route.path("forwardTo").path("destinations")) {
          String kind = switch (d.path("kind").asText()) {
            case "VIRTUAL_DESTINATION" -> "VirtualDestination";
            case "EXTERNAL_SERVICE" -> "ExternalService";
            default -> null;
          };
          if (kind != null) {
            setup.find(kind, d.path("ref").path("namespace").asText(), d.path("ref").path("name").asText())
                .ifPresent(destinations::add);
          }
        }
      }
      destinations.forEach(d -> uses.add(new Use(rtOwner.get(), d, "RouteTable " + rt.namespace() + "/" + rt.name() + " forwards to it")));
      for (YamlNode g : rt.doc().path("spec").path("virtualGateways")) {
        setup.find("VirtualGateway", g.path("namespace").asText(), g.path("name").asText())
            .flatMap(setup::ownerOf)
            .ifPresent(vgOwner -> uses.add(new Use(vgOwner, rt, "it attaches to VirtualGateway "
                + g.path("namespace").asText() + "/" + g.path("name").asText())));
      }
      for (YamlNode w : rt.doc().path("spec").path("workloadSelectors")) {
        String ns = w.path("selector").path("namespace").asText(null);
        if (ns == null) {
          continue;
        }
        for (Resource ws : setup.ofKind("Workspace")) {
          for (YamlNode cluster : ws.doc().path("spec").path("workloadClusters")) {
            if (setup.owner(cluster.path("name").asText(), ns).map(ws.name()::equals).orElse(false)) {
              uses.add(new Use(ws.name(), rt, "it selects the workloads of namespace " + ns));
              destinations.forEach(d -> uses.add(new Use(ws.name(), d, "the workloads of namespace " + ns
                  + " are routed to it by RouteTable " + rt.namespace() + "/" + rt.name())));
              // Sidecars selected by a mesh route table (no gateways) call its hosts, which a
              // VirtualDestination creates.
              YamlNode meshHosts = rt.doc().path("spec").has("virtualGateways") ? YamlNode.Missing.INSTANCE
                  : rt.doc().path("spec").path("hosts");
              for (YamlNode host : meshHosts) {
                for (Resource vd : setup.ofKind("VirtualDestination")) {
                  for (YamlNode h : vd.doc().path("spec").path("hosts")) {
                    if (h.asText().equals(host.asText())) {
                      uses.add(new Use(ws.name(), vd, "the workloads of namespace " + ns + " call its host "
                          + host.asText() + " (RouteTable " + rt.namespace() + "/" + rt.name() + ")"));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    for (Resource vd : setup.ofKind("VirtualDestination")) {
      Optional<String> vdOwner = setup.ownerOf(vd);
      for (YamlNode sel : vd.doc().path("spec").path("externalServices")) {
        for (Resource es : setup.ofKind("ExternalService")) {
          if (vdOwner.isPresent() && Setup.selects(sel.path("labels"), es.doc().path("metadata").path("labels"))) {
            uses.add(new Use(vdOwner.get(), es, "VirtualDestination " + vd.namespace() + "/" + vd.name() + " selects it"));
          }
        }
      }
    }
    return uses;
  }

  private static void report(Setup setup, Findings findings, String workspace, Use use, String field, String peer, String message) {
    Optional<Resource> settings = setup.settingsOf(workspace);
    if (settings.isEmpty()) {
      findings.error(use.resource(), "metadata", message + " (workspace " + workspace + " has no WorkspaceSettings)");
    } else if (!grants(settings.get().doc().path("spec").path(field), peer, use.resource())) {
      findings.error(settings.get(), "spec." + field, message);
    }
  }

  /** True when an import/export list has an entry naming {@code peer} (or '*') and covering {@code r}. */
  private static boolean grants(YamlNode entries, String peer, Resource r) {
    for (YamlNode e : entries) {
      boolean peerListed = false;
      for (YamlNode w : e.path("workspaces")) {
        peerListed |= w.path("name").asText().equals(peer) || w.path("name").asText().equals("*");
      }
      if (!peerListed) {
        continue;
      }
      YamlNode resources = e.path("resources");
      if (resources.isMissingNode() || resources.isEmpty()) {
        return true;
      }
      for (YamlNode res : resources) {
        String kind = res.path("kind").asText("ALL");
        boolean kindOk = kind.equals("ALL") || kind.equals(SETTINGS_KIND.get(r.kind()));
        boolean nameOk = !res.has("name") || res.path("name").asText().equals(r.name());
        boolean nsOk = !res.has("namespace") || res.path("namespace").asText().equals(r.namespace());
        if (kindOk && nameOk && nsOk) {
          return true;
        }
      }
    }
    return false;
  }
}
