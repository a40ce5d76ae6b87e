package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.ExternalService;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference setup's proof of function as Jobs: from every source namespace, {@code curl} each
 * external service's mesh host and expect HTTP 200. A Job runs in its namespace's cluster, with
 * the namespace's sidecar, so the request takes the mesh path through the egress gateway.
 */
final class VerifyJobs {
  private VerifyJobs() {}

  static List<PlannedResource> plan(Environment env, Names names) {
    if (!env.verify().enabled()) {
      return List.of();
    }
    List<PlannedResource> out = new ArrayList<>();
    for (AppWorkspace w : env.workspaces().apps()) {
      Unit unit = Unit.verify(w.cluster().equals("local") ? Role.LOCAL : Role.REMOTE);
      for (String ns : w.namespaces()) {
        for (ExternalService s : names.consumed(w)) {
          String name = names.verifyJob(s);
          String url = url(names.meshHost(s), s.meshHttpPort());
          out.add(new PlannedResource(unit, "Job", name, ns, Values.of()
              .put("name", name).put("namespace", ns)
              .put("service", s.name())
              .put("url", url)
              .put("image", env.verify().image())
              .put("script", script(url, ns))
              .build()));
        }
      }
    }
    return out;
  }

  private static String url(String host, int port) {
    return "http://" + host + (port == 80 ? "" : ":" + port) + "/";
  }

  /**
   * Prepared here, not in the template, because of its quotes, {@code %} and braces. The sidecar
   * is told to quit afterwards (Istio 1.16 has no native sidecars), or the Job never completes.
   */
  private static String script(String url, String namespace) {
    return "code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 " + url + "); "
        + "echo \"GET " + url + " from " + namespace + ": HTTP $code (expected 200)\"; "
        + "curl -sS -X POST http://127.0.0.1:15020/quitquitquit >/dev/null 2>&1; "
        + "test \"$code\" = 200";
  }
}
