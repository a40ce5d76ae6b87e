package dev.meshgen.publish;

import dev.meshgen.diagnostic.MeshgenException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FS;

/**
 * One branch of the GitOps repository as seen over the wire: fetch its head, push a commit onto
 * it. Pushes are never forced and carry the head they expect, so a branch that moved meanwhile
 * rejects them instead of losing a commit; JGit reports that in the result, which is checked.
 */
final class Remote {
  /** Seconds before an unresponsive remote counts as unreachable. */
  private static final int TIMEOUT_SECONDS = 60;

  static {
    InProcessTransport.quiet();
  }

  private final RepositoryAddress address;
  private final String branch;
  private final CredentialsProvider credentials;
  private final TransportErrors errors;
  private final boolean missingIsNew;

  /** What a push did: landed, or rejected because the branch moved (worth another attempt). */
  record PushOutcome(boolean landed, String rejection) {}

  Remote(RepositoryAddress address, String branch, Optional<PublishRequest.Credentials> given) {
    this(address, branch, given, false);
  }

  /** {@code missingIsNew}: a branch the repository lacks is fetched as new (null), not refused. */
  Remote(RepositoryAddress address, String branch, Optional<PublishRequest.Credentials> given, boolean missingIsNew) {
    this.address = address;
    this.branch = branch;
    this.missingIsNew = missingIsNew;
    String user = given.map(PublishRequest.Credentials::username).orElse(address.embeddedUser());
    String password = given.map(PublishRequest.Credentials::password).orElse(address.embeddedPassword());
    this.credentials = user == null || password == null ? null : new UsernamePasswordCredentialsProvider(user, password);
    this.errors = new TransportErrors(address, password, branch);
  }

  String ref() {
    return "refs/heads/" + branch;
  }

  /**
   * The git folder of a repository on a local path (a bare repository, or the {@code .git} of a
   * working copy), whose objects a work repository may read in place; null for a remote address
   * or a path that holds no repository (fetching then reports what is wrong with it).
   */
  static Path localGitDir(RepositoryAddress address) {
    if (!address.isLocal()) {
      return null;
    }
    File dir = RepositoryCache.FileKey.resolve(address.localPath().toFile(), FS.DETECTED);
    return dir != null && new File(dir, "objects").isDirectory() ? dir.toPath() : null;
  }

  /**
   * The branch's head in the local repository at {@code gitDir} (see {@link #localGitDir}), read
   * without a transfer; null and refusals as {@link #fetch}.
   */
  ObjectId headIn(Path gitDir) throws MeshgenException {
    try (Repository there = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
      Ref head = there.exactRef(ref());
      if (head != null && head.getObjectId() != null) {
        return head.getObjectId();
      }
      if (missingIsNew || !there.getRefDatabase().hasRefs()) {
        return null;
      }
      throw errors.branchMissing();
    } catch (IOException | RuntimeException e) {
      throw errors.describe(e);
    }
  }

  /**
   * Fetches the branch into {@code work}, only its head commit (depth 1) when {@code headOnly};
   * returns its head, or null when the repository is empty (no branches at all), which a first
   * publish may start, or lacks the branch and {@code missingIsNew}.
   */
  ObjectId fetch(Repository work, boolean headOnly) throws MeshgenException {
    if (headOnly) {
      try {
        return fetch(work, 1);
      } catch (ShallowRefused e) {
        // a server that cannot serve a shallow fetch (dumb HTTP, very old servers): fetch it all
      }
    }
    return fetch(work, 0);
  }

  /** A server's refusal of a shallow fetch; unchecked, as only a shallow fetch throws it. */
  private static final class ShallowRefused extends RuntimeException {
    ShallowRefused(Throwable cause) {
      super(cause);
    }
  }

  private ObjectId fetch(Repository work, int depth) throws MeshgenException {
    try (Transport t = open(work)) {
      t.setTagOpt(TagOpt.NO_TAGS);
      if (depth > 0) {
        t.setDepth(depth);
      }
      FetchResult result = t.fetch(NullProgressMonitor.INSTANCE,
          List.of(new RefSpec("+" + ref() + ":refs/remotes/origin/" + branch)));
      Ref head = result.getAdvertisedRef(ref());
      if (head == null) {
        if (missingIsNew) {
          return null;
        }
        throw errors.branchMissing();
      }
      return head.getObjectId();
    } catch (TransportException e) {
      if (depth > 0 && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("shallow")) {
        throw new ShallowRefused(e);
      }
      if (String.valueOf(e.getMessage()).contains("does not have")) {
        if (missingIsNew || advertised(work).isEmpty()) {
          return null;
        }
        throw errors.branchMissing();
      }
      throw errors.describe(e);
    } catch (IOException | RuntimeException e) {
      throw errors.describe(e);
    }
  }

  /** Pushes {@code commit} onto the branch if its head is still {@code expected} (null: absent). */
  PushOutcome push(Repository work, ObjectId commit, ObjectId expected) throws MeshgenException {
    try (Transport t = open(work)) {
      RemoteRefUpdate update = new RemoteRefUpdate(work, null, commit, ref(), false, null,
          expected == null ? ObjectId.zeroId() : expected);
      PushResult result = t.push(new SendingPoint(), List.of(update));
      RemoteRefUpdate done = result.getRemoteUpdate(ref());
      String message = errors.scrub(done.getMessage());
      String serverSaid = result.getMessages();
      return switch (done.getStatus()) {
        // UP_TO_DATE: the branch already holds this very commit (another run made the identical one).
        case OK, UP_TO_DATE -> new PushOutcome(true, null);
        case REJECTED_NONFASTFORWARD -> new PushOutcome(false, "non-fast-forward");
        case REJECTED_REMOTE_CHANGED -> new PushOutcome(false, "the branch moved since it was fetched");
        case REJECTED_OTHER_REASON -> {
          if (movedMeanwhile(message)) {
            yield new PushOutcome(false, message);
          }
          throw errors.pushRefused(message, serverSaid);
        }
        default -> throw errors.pushRefused(done.getStatus() + (message == null ? "" : ": " + message), serverSaid);
      };
    } catch (TransportException e) {
      throw errors.describe(e);
    } catch (IOException | RuntimeException e) {
      throw errors.describe(e);
    }
  }

  /**
   * Server messages that mean "someone else updated the branch first", worth a fresh attempt:
   * git's receive-pack says "fetch first", "non-fast-forward", "stale info" or "cannot lock ref",
   * JGit's says "invalid old id sent", "lock error" or "ref exists".
   */
  private static boolean movedMeanwhile(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return List.of("lock", "fetch first", "stale", "fast-forward", "fast forward", "old id", "exists", "expected",
        "changed", "failed to update ref").stream().anyMatch(m::contains);
  }

  /**
   * Progress of a push, used only to reach the {@code sending} fault point: the first task is
   * opening the connection, the second starts once the ref update is sent and the pack is being written.
   */
  private static final class SendingPoint implements ProgressMonitor {
    private int tasks;

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {
      if (++tasks == 2) {
        Faults.at("sending");
      }
    }

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void showDuration(boolean enabled) {}
  }

  private Map<String, Ref> advertised(Repository work) throws MeshgenException {
    try (Transport t = open(work); FetchConnection c = t.openFetch()) {
      return c.getRefsMap();
    } catch (IOException | RuntimeException e) {
      throw errors.describe(e);
    }
  }

  private Transport open(Repository work) throws IOException {
    Transport t = Transport.open(work, address.uri());
    t.setTimeout(TIMEOUT_SECONDS);
    if (credentials != null) {
      t.setCredentialsProvider(credentials);
    }
    return t;
  }
}
