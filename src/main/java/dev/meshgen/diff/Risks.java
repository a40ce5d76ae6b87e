package dev.meshgen.diff;

import dev.meshgen.yaml.YamlNode;
import java.util.List;
import java.util.TreeSet;

/** Calls out changes that weaken the egress path, for reviewers. */
final class Risks {
  private Risks() {}

  static void added(YamlNode doc, String id, List<String> out) {
    changed(null, doc, id, out);
  }

  static void changed(YamlNode before, YamlNode after, String id, List<String> out) {
    switch (after.path("kind").asText()) {
      case "DestinationRule" -> tlsOrigination(before, after, id, out);
      case "PeerAuthentication" -> mtls(before, after, id, out);
      case "VirtualDestination" -> clientMode(before, after, id, out);
      case "RouteTable" -> widened(before, after, id, "spec.workloadSelectors", "workload selectors", out);
      case "VirtualGateway" -> {
        widened(before, after, id, "spec.workloads", "gateway workload selectors", out);
        allowedHosts(before, after, id, out);
      }
      default -> { }
    }
  }

  private static void tlsOrigination(YamlNode before, YamlNode after, String id, List<String> out) {
    YamlNode settings = after.path("spec").path("trafficPolicy").path("portLevelSettings");
    for (int i = 0; i < settings.size(); i++) {
      String mode = settings.get(i).path("tls").path("mode").asText();
      int port = settings.get(i).path("port").path("number").asInt();
      if (mode.equals("DISABLE") && !"DISABLE".equals(modeAt(before, port))) {
        out.add("TLS origination turned off: " + id + " sends plain text to " + after.path("spec").path("host").asText()
            + " port " + port);
      }
    }
  }

  private static String modeAt(YamlNode doc, int port) {
    if (doc == null) {
      return null;
    }
    for (YamlNode s : doc.path("spec").path("trafficPolicy").path("portLevelSettings")) {
      if (s.path("port").path("number").asInt() == port) {
        return s.path("tls").path("mode").asText();
      }
    }
    return null;
  }

  private static void mtls(YamlNode before, YamlNode after, String id, List<String> out) {
    String now = after.path("spec").path("mtls").path("mode").asText();
    String was = before == null ? null : before.path("spec").path("mtls").path("mode").asText();
    if (!now.equals("STRICT") && !now.equals(was)) {
      out.add("mTLS not STRICT: " + id + " mode " + (was == null ? "" : was + " -> ") + now);
    }
  }

  private static void clientMode(YamlNode before, YamlNode after, String id, List<String> out) {
    if (before == null) {
      return;
    }
    YamlNode was = before.path("spec").path("clientMode");
    YamlNode now = after.path("spec").path("clientMode");
    if (!was.equals(now)) {
      out.add("VirtualDestination clientMode changed: " + id + " " + names(was) + " -> " + names(now));
    }
  }

  private static String names(YamlNode mode) {
    TreeSet<String> keys = new TreeSet<>();
    mode.fieldNames().forEachRemaining(keys::add);
    return keys.isEmpty() ? "(inherited)" : String.join("+", keys);
  }

  private static void widened(YamlNode before, YamlNode after, String id, String pointer, String what, List<String> out) {
    if (before == null) {
      return;
    }
    TreeSet<String> was = set(before.at("/" + pointer.replace('.', '/')));
    TreeSet<String> now = set(after.at("/" + pointer.replace('.', '/')));
    now.removeAll(was);
    if (!now.isEmpty()) {
      out.add("widened " + what + ": " + id + " now also selects " + String.join(", ", now));
    }
  }

  private static void allowedHosts(YamlNode before, YamlNode after, String id, List<String> out) {
    if (before == null) {
      return;
    }
    TreeSet<String> was = new TreeSet<>();
    before.path("spec").path("listeners").forEach(l -> l.path("allowedRouteTables").forEach(a -> was.add(a.toString())));
    TreeSet<String> now = new TreeSet<>();
    after.path("spec").path("listeners").forEach(l -> l.path("allowedRouteTables").forEach(a -> now.add(a.toString())));
    now.removeAll(was);
    if (!now.isEmpty()) {
      out.add("widened allowed route table hosts: " + id + " now also admits " + String.join(", ", now));
    }
  }

  private static TreeSet<String> set(YamlNode list) {
    TreeSet<String> out = new TreeSet<>();
    list.forEach(n -> out.add(n.toString()));
    return out;
  }
}
