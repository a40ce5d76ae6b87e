package dev.meshgen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshgen.diagnostic.MeshgenException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** Error texts are classified by their words, never by digits inside the URL. */
class TransportErrorsTest {
  private static String describe(String url, Exception e) throws Exception {
    MeshgenException m = new TransportErrors(RepositoryAddress.parse(url), "pw", "main").describe(e);
    return m.diagnostics().get(0).message();
  }

  @Test
  void describe_notFoundOnAPortHolding401_isNotAnAuthenticationProblem() throws Exception {
    String url = "http://127.0.0.1:40177/git/other.git";
    String message = describe(url, new NoRemoteRepositoryException(new URIish(url), "not found."));
    assertEquals("no git repository at this address: check --repo (" + url + ": not found.)", message);
  }

  @Test
  void describe_http401_isAnAuthenticationProblem() throws Exception {
    String url = "http://127.0.0.1:8080/git/gitops.git";
    String message = describe(url, new TransportException(url + ": 401 Unauthorized"));
    assertEquals("authentication refused: check GIT_USERNAME and GIT_PASSWORD (or --username and the variable "
        + "named by --password-env) and that the account may push to this repository", message);
  }
}
