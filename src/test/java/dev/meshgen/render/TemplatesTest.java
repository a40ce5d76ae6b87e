package dev.meshgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No template holds a value of the reference setup: every name, host, port, label, namespace,
 * cluster, revision, hub and tag comes from the property files.
 */
class TemplatesTest {
  /** The reference setup's values (seed-resources.md), as whole tokens. */
  private static final Set<String> REFERENCE_VALUES = Set.of(
      "httpbin", "httpbin.org", "httpbin.external", "*.external", "external", "cluster1", "cluster2", "mgmt",
      "1-16", "1.16.0-solo", "us-docker.pkg.dev/gloo-mesh/istio-workshops", "gm-iop-1-16",
      "app1", "app2", "app1-configs", "app2-configs", "ops", "ops-config", "all",
      "gloo-mesh", "istio-system", "istio-gateways", "istio-egress", "egress-gw", "east-west-gw", "egress-gateway",
      "httpbin-external", "httpbin-external-endpoint", "httpbin-external-service", "httpbin-route-mesh",
      "egress-to-egress", "httpbin-route-gateway", "httpbin-app", "root-trust-policy", "default",
      "istio-egressgateway-1-16", "istio-egress-cluster1-1-16", "egressgateway", "eastwestgateway", "istio",
      "NodePort", "80", "443", "8080", "8443", "15443", "STRICT", "SIMPLE");

  /** Keys of the reference that are not also field names of the resources (its label key istio). */
  private static final Set<String> REFERENCE_KEYS = Set.of("istio", "istio-egressgateway", "app1", "cluster1");

  /** Istio's egress gateway chart key: fixed by Istio, not a name meshgen could take from properties. */
  private static final Set<String> ALLOWED = Set.of("istiooperator.yaml.ftl: istio-egressgateway:");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.*/-]+:?");

  @Test
  void templates_holdNoValueOfTheReferenceSetup() throws Exception {
    List<String> found = new ArrayList<>();
    List<Path> templates;
    try (Stream<Path> files = Files.walk(TestProject.root().resolve("templates"))) {
      templates = files.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
    }
    assertTrue(templates.size() >= 12, "expected a template per resource type");
    for (Path template : templates) {
      List<String> lines = Files.readAllLines(template);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replaceAll("<#--.*?-->", "").replaceAll("\\$\\{[^}]*}", " ");
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
          String token = m.group();
          boolean key = token.endsWith(":");
          String bare = key ? token.substring(0, token.length() - 1) : token;
          if ((key ? REFERENCE_KEYS : REFERENCE_VALUES).contains(bare)
              && !ALLOWED.contains(template.getFileName() + ": " + token)) {
            found.add(template.getFileName() + ":" + (i + 1) + ": " + bare);
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void scan_findsAReferenceValueWhenOneIsWritten() {
    Matcher m = TOKEN.matcher("  namespace: gloo-mesh");
    TreeSet<String> tokens = new TreeSet<>();
    while (m.find()) {
      tokens.add(m.group());
    }
    assertTrue(tokens.contains("gloo-mesh"), tokens.toString());
  }
}
