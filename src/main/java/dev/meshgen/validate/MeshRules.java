package dev.meshgen.validate;

import dev.meshgen.yaml.YamlNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules of the mesh as a whole: SNI per gateway path, unique resources, mTLS and TLS origination, selectors. */
final class MeshRules {
  private MeshRules() {}

  static List<Rule> all() {
    return List.of(new OneSniPerPath(), new UniqueResources(), new StrictMtls(), new TlsOrigination(),
        new SelectorWorkspaces());
  }

  /** One SNI per egress gateway path: a DestinationRule sets at most one SNI per port. */
  static final class OneSniPerPath implements Rule {
    @Override
    public String name() {
      return "one-sni-per-gateway-path";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource dr : setup.ofKind("DestinationRule")) {
        Map<Integer, String> sniByPort = new HashMap<>();
        YamlNode settings = dr.doc().path("spec").path("trafficPolicy").path("portLevelSettings");
        for (int i = 0; i < settings.size(); i++) {
          int port = settings.get(i).path("port").path("number").asInt();
          String sni = settings.get(i).path("tls").path("sni").asText(null);
          if (sni == null) {
            continue;
          }
          String other = sniByPort.putIfAbsent(port, sni);
          if (other != null) {
            findings.error(dr, "spec.trafficPolicy.portLevelSettings[" + i + "]", "port " + port + " carries two SNIs, "
                + other + " and " + sni + "; one SNI per gateway path: give each external service its own gateway port");
          }
        }
      }
    }
  }

  /** No two resources of one kind share a namespace and name (the later would replace the earlier). */
  static final class UniqueResources implements Rule {
    @Override
    public String name() {
      return "unique-resources";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      // A fleet cluster's own resources are unique on that cluster (the same Job runs on each
      // cluster of a workspace, issue 13), and must not repeat a shared unit's (its role's overlay).
      Map<String, Resource> shared = new HashMap<>();
      Map<String, Resource> seen = new HashMap<>();
      for (Resource r : setup.all()) {
        String cluster = r.unit().cluster();
        Resource earlier = seen.putIfAbsent((cluster == null ? "" : cluster) + "\n" + r.id(), r);
        if (cluster == null && earlier == null) {
          shared.put(r.id(), r);
        }
        if (earlier != null) {
          findings.error(r, "metadata.name", r.id() + " is rendered twice (also " + earlier.file() + "); names must be unique");
        }
      }
      for (Resource r : setup.all()) {
        Resource earlier = r.unit().cluster() != null && r.unit().isSetup() ? shared.get(r.id()) : null;
        if (earlier != null && earlier.unit().isSetup()) {
          findings.error(r, "metadata.name", r.id() + " is rendered twice (also " + earlier.file() + "); names must be unique");
        }
      }
    }
  }

  /** PeerAuthentication is STRICT; anything else lets plain text into the mesh (warning). */
  static final class StrictMtls implements Rule {
    @Override
    public String name() {
      return "strict-mtls";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource pa : setup.ofKind("PeerAuthentication")) {
        String mode = pa.doc().path("spec").path("mtls").path("mode").asText();
        if (!mode.equals("STRICT")) {
          findings.warning(pa, "spec.mtls.mode", "is " + mode + ", not STRICT: workloads accept plain text; "
              + "set mesh.peerAuthentication.mode: STRICT unless this environment opts out on purpose");
        }
      }
    }
  }

  /** TLS origination DISABLE sends plain text to the external host (warning: the setup's proof of function uses it). */
  static final class TlsOrigination implements Rule {
    @Override
    public String name() {
      return "tls-origination";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource dr : setup.ofKind("DestinationRule")) {
        YamlNode settings = dr.doc().path("spec").path("trafficPolicy").path("portLevelSettings");
        for (int i = 0; i < settings.size(); i++) {
          if (settings.get(i).path("tls").path("mode").asText().equals("DISABLE")) {
            findings.warning(dr, "spec.trafficPolicy.portLevelSettings[" + i + "].tls.mode", "TLS origination to "
                + dr.doc().path("spec").path("host").asText() + " is DISABLE: the egress gateway sends plain text to an "
                + "HTTPS port (only for the proof of function); use SIMPLE");
          }
        }
      }
    }
  }

  /** A selector naming a workspace that does not exist selects nothing (warning). */
  static final class SelectorWorkspaces implements Rule {
    @Override
    public String name() {
      return "selector-workspace-exists";
    }

    @Override
    public void check(Setup setup, Findings findings) {
      for (Resource r : setup.all()) {
        visit(setup, findings, r, r.doc(), new ArrayDeque<>());
      }
    }

    /** Walks the document; the path is joined only for a finding, walking is the common case. */
    private static void visit(Setup setup, Findings findings, Resource r, YamlNode node, Deque<String> path) {
      if (node.isObject()) {
        YamlNode ws = node.path("selector").path("workspace");
        if (ws.isTextual() && !setup.workspaceExists(ws.asText())) {
          findings.warning(r, join(String.join("", path), "selector.workspace"), "no workspace is named '" + ws.asText()
              + "', so this selector selects nothing ('workspace' takes a name, there is no wildcard); "
              + "name a workspace or leave it out to mean every workspace available");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
          var e = fields.next();
          if (e.getValue().isContainerNode()) {
            path.addLast(path.isEmpty() ? e.getKey() : "." + e.getKey());
            visit(setup, findings, r, e.getValue(), path);
            path.removeLast();
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isContainerNode()) {
            path.addLast("[" + i + "]");
            visit(setup, findings, r, node.get(i), path);
            path.removeLast();
          }
        }
      }
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }
}
