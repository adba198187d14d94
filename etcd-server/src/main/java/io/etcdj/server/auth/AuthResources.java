package io.etcdj.server.auth;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Request;
import io.etcdj.server.Request.Method;
import io.etcdj.store.EtcdError;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v2 store requests behind {@link AuthStore} (SPEC OTH-062): resources are named relative to
 * {@code /2}; reads are local GETs or raft QGETs, writes are PUTs and DELETEs with prevExist, the
 * way etcd's auth store issues them, so they take the same etcd and raft indexes.
 *
 * <p>Thread-safety: safe for concurrent use; the only state is {@link #ensured}, set once the
 * {@code /2} directories are known to exist (like etcd's, two first writes racing may both create
 * them, and the loser sees a harmless 105).
 */
final class AuthResources {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver/auth");
  static final String PREFIX = "/2";

  private final EtcdServer server;
  private volatile boolean ensured;

  AuthResources(EtcdServer server) {
    this.server = server;
  }

  /** A file's value by a local read, null when missing (counted in the get statistics). */
  String localValue(String resource) {
    return server.getValue(PREFIX + resource);
  }

  /** A local, possibly stale read (counted in the store's get statistics). */
  Event localGet(String resource) throws EtcdException {
    return server.get(request(Method.GET, PREFIX + resource, "", false, null));
  }

  /** A read through raft, for the checks etcd makes with quorum=true. */
  CompletableFuture<Event> quorumGet(String resource) {
    return server.propose(Request.quorumGet(PREFIX + resource));
  }

  /** A PUT of {@code value} with prevExist, after the directories exist. */
  CompletableFuture<Event> write(String resource, String value, boolean prevExist) {
    return ensureDirectories()
        .thenCompose(
            v -> server.propose(request(Method.PUT, PREFIX + resource, value, false, prevExist)));
  }

  /** A DELETE with prevExist=true, after the directories exist. */
  CompletableFuture<Event> delete(String resource) {
    return ensureDirectories()
        .thenCompose(
            v -> server.propose(request(Method.DELETE, PREFIX + resource, "", false, true)));
  }

  /**
   * OTH-062: before the first write of this process, creates {@code /2}, {@code /2/users/}, {@code
   * /2/roles/} and {@code /2/enabled=false}, each only if missing (a 105 is fine). Once the flag is
   * known to exist, later writes skip this. Continuations run on the applying thread: they only
   * queue the next proposal, which never blocks.
   */
  private CompletableFuture<Void> ensureDirectories() {
    if (ensured) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (String dir : List.of(PREFIX, PREFIX + "/users/", PREFIX + "/roles/")) {
      chain =
          chain.thenCompose(
              v -> ignoreExisting(server.propose(request(Method.PUT, dir, "", true, false))));
    }
    return chain
        .thenCompose(
            v ->
                ignoreExisting(
                    server.propose(
                        request(Method.PUT, PREFIX + "/enabled", "false", false, false))))
        .thenRun(() -> ensured = true);
  }

  private static CompletableFuture<Void> ignoreExisting(CompletableFuture<Event> put) {
    return put.handle(
        (event, error) -> {
          if (error != null && code(error) != EtcdError.NODE_EXIST) {
            LOG.error("failed to create auth directories: {}", unwrap(error).toString());
            throw asCompletion(error);
          }
          return null;
        });
  }

  private static Request request(
      Method method, String path, String value, boolean dir, Boolean prevExist) {
    return new Request(
        method, path, value, dir, "", 0, prevExist, null, false, 0, false, false, false, false,
        null, null);
  }

  /** The store error behind a failed future, or null for any other failure. */
  static EtcdError code(Throwable error) {
    return unwrap(error) instanceof EtcdException e ? e.error() : null;
  }

  static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  static CompletionException asCompletion(Throwable error) {
    return error instanceof CompletionException c ? c : new CompletionException(error);
  }
}
