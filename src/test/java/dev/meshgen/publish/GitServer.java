package dev.meshgen.publish;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A real git server for tests: JGit's GitServlet in Jetty on 127.0.0.1, behind HTTP basic
 * authentication, serving one bare repository as {@code /git/gitops.git} (fetch and push).
 */
public final class GitServer implements AutoCloseable {
  public static final String USER = "alice";

  private final Server server;
  private final String password;
  private final AtomicInteger refusedLogins = new AtomicInteger();
  private final AtomicReference<Runnable> duringNextReceive = new AtomicReference<>();

  private GitServer(Server server, String password) {
    this.server = server;
    this.password = password;
  }

  /** Starts serving {@code bare}, accepting user {@link #USER} with {@code password}. */
  public static GitServer start(Path bare, String password) throws Exception {
    GitServlet git = new GitServlet();
    git.setRepositoryResolver((req, name) -> {
      if (!name.equals("gitops.git")) {
        throw new RepositoryNotFoundException(name);
      }
      try {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().setMustExist(true).build();
      } catch (IOException e) {
        throw new RepositoryNotFoundException(name, e);
      }
    });
    GitServer[] self = new GitServer[1];
    // Authentication is the filter's job; every request that gets here may push.
    git.setReceivePackFactory((req, db) -> {
      ReceivePack receive = new ReceivePack(db);
      receive.setPreReceiveHook((rp, commands) -> {
        Runnable once = self[0].duringNextReceive.getAndSet(null);
        if (once != null) {
          once.run();
        }
      });
      return receive;
    });

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(git), "/git/*");
    GitServer gitServer = new GitServer(server, password);
    self[0] = gitServer;
    context.addFilter(new FilterHolder(gitServer.new BasicAuth()), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    return gitServer;
  }

  /** {@code http://127.0.0.1:PORT/git/gitops.git}. */
  public String url() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/gitops.git";
  }

  /**
   * Runs {@code action} once, inside the next push, after the server received the pack and
   * before it updates the ref: whatever the action commits makes that push lose the race on the
   * server side.
   */
  public void duringNextReceive(Runnable action) {
    duringNextReceive.set(action);
  }

  /** How many requests carried credentials that were refused. */
  public int refusedLogins() {
    return refusedLogins.get();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the git server", e);
    }
  }

  private final class BasicAuth implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String header = ((HttpServletRequest) request).getHeader("Authorization");
      String expected = "Basic " + Base64.getEncoder()
          .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (expected.equals(header)) {
        chain.doFilter(request, response);
        return;
      }
      if (header != null) {
        refusedLogins.incrementAndGet();
      }
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("WWW-Authenticate", "Basic realm=\"gitops\"");
      http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }
}
