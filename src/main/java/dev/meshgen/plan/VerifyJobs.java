package dev.meshgen.plan;

import dev.meshgen.environment.Environment;
import dev.meshgen.environment.Environment.AppWorkspace;
import dev.meshgen.environment.Environment.ExternalService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference setup's proof of function as Jobs: from every source namespace, {@code GET} each
 * external service's mesh host at its {@code verify.path} and expect one of its
 * {@code verify.expect} codes. A Job runs in its namespace's cluster, with the namespace's sidecar
 * (of {@code istio.revision}), so the request takes the mesh path through the egress gateway.
 */
final class VerifyJobs {
  /**
   * Tries before the Job gives up, and the pause between them: the Jobs sync after the role's
   * overlay, but Flux cannot wait for the management cluster's Gloo resources (another cluster),
   * and Gloo needs a moment to translate them, so a Job keeps asking for about five minutes.
   */
  static final int ATTEMPTS = 20;
  static final int PAUSE_SECONDS = 15;

  private VerifyJobs() {}

  static List<PlannedResource> plan(Environment env, Names names) {
    if (!env.verify().enabled()) {
      return List.of();
    }
    List<PlannedResource> out = new ArrayList<>();
    for (AppWorkspace w : env.workspaces().apps()) {
      for (Topology.Placement p : names.topology().of(w)) {
        Unit unit = p.verify();
        for (String ns : w.namespaces()) {
          for (ExternalService s : names.consumed(w)) {
            String name = names.verifyJob(s);
            String url = url(names.meshHost(s), s.meshHttpPort(), s.verify().path());
            String expect = s.verify().expect().stream().map(String::valueOf).collect(Collectors.joining(" "));
            out.add(new PlannedResource(unit, "Job", name, ns, Values.of()
                .put("name", name).put("namespace", ns)
                .put("service", s.name())
                .put("url", url)
                .put("expect", expect)
                .put("revision", env.istio().revision())
                .put("image", env.verify().image())
                .put("script", script(url, expect, ns))
                .build()));
          }
        }
      }
    }
    return out;
  }

  /** The verify folders that hold Jobs: those of the clusters with an app workspace, when verification is on. */
  static Set<Unit> units(Environment env, Names names) {
    Set<Unit> units = new java.util.HashSet<>();
    if (env.verify().enabled()) {
      env.workspaces().apps().forEach(w -> names.topology().of(w).forEach(p -> units.add(p.verify())));
    }
    return units;
  }

  private static String url(String host, int port, String path) {
    return "http://" + host + (port == 80 ? "" : ":" + port) + path;
  }

  /**
   * Prepared here, not in the template, because of its quotes, {@code %} and braces. The URL is
   * single-quoted (the property schema keeps quotes out of {@code verify.path}), so the shell
   * takes it literally. The sidecar is told to quit afterwards (Istio 1.16 has no native sidecars),
   * or the Job never completes.
   */
  private static String script(String url, String expect, String namespace) {
    return "url='" + url + "'; expect=' " + expect + " '; n=0; "
        + "while :; do code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \"$url\"); n=$((n+1)); "
        + "case \"$expect\" in *\" $code \"*) break;; esac; "
        + "[ $n -ge " + ATTEMPTS + " ] && break; sleep " + PAUSE_SECONDS + "; done; "
        + "echo \"GET $url from " + namespace + ": HTTP $code (expected " + expect.replace(" ", " or ") + ", try $n)\"; "
        + "curl -sS -X POST http://127.0.0.1:15020/quitquitquit >/dev/null 2>&1; "
        + "case \"$expect\" in *\" $code \"*) exit 0;; esac; exit 1";
  }
}
