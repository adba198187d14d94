package io.etcdj.server;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.store.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that enters the raft log on this member's behalf: client requests that must go
 * through it (writes, quorum GETs, SYNC; SPEC KEY-010), conf changes, and the member's own internal
 * writes. Each gets a request ID and a waiting future that the apply step completes.
 *
 * <p>Thread-safety: safe for concurrent use; proposing enqueues on the {@link RaftLoop} (which may
 * run the round on the caller's thread).
 */
final class Proposals {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final RequestIds ids;
  private final PendingRequests pending;
  private final RaftLoop raft;
  private volatile boolean stopped;

  Proposals(RequestIds ids, PendingRequests pending, RaftLoop raft) {
    this.ids = ids;
    this.pending = pending;
    this.raft = raft;
  }

  /**
   * Sends {@code request} through the log. The future completes on the applying thread once the
   * entry is applied, or fails after the request timeout (ERR-004).
   *
   * @param caller the caller's event loop, where a member alone in its cluster may run the raft
   *     round of a lone write (RaftLoop#propose); null if the caller is not on one
   */
  CompletableFuture<Event> propose(Request request, Executor caller) {
    if (stopped) {
      return CompletableFuture.failedFuture(new ServerStoppedException());
    }
    long id = ids.next();
    CompletableFuture<Event> result = pending.register(id);
    raft.propose(RequestCodec.encode(id, request), pending.waiting() == 1, caller);
    return result;
  }

  /**
   * PER-070: a conf change; the context of an add or update is the member JSON, a removal has none
   * ({@code urls} null). Without a leader raft drops it at once and the future fails.
   */
  CompletableFuture<Event> proposeConfChange(ConfChangeType type, long nodeId, List<String> urls) {
    if (stopped) {
      return CompletableFuture.failedFuture(new ServerStoppedException());
    }
    long requestId = ids.next();
    ConfChange.Builder cc = ConfChange.newBuilder().setID(requestId).setType(type).setNodeID(nodeId);
    if (urls != null) {
      cc.setContext(ByteString.copyFromUtf8(MembershipApplier.memberContext(nodeId, urls, "")));
    }
    CompletableFuture<Event> result = pending.register(requestId);
    raft.proposeConfChange(cc.build(), dropped -> pending.fail(requestId, dropped));
    return result;
  }

  /** CLU-018: an internal write, retried until it is applied (or the member stops). */
  void proposeUntilApplied(Request r) {
    while (!stopped) {
      try {
        propose(r, null).join();
        return;
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof RequestTimeoutException)) {
          throw e;
        }
        LOG.warn("proposal of {} timed out; retrying", r.path());
      }
    }
    throw new ServerStoppedException();
  }

  /** From now on every proposal fails at once with "server stopped" (ERR-004). */
  void stop() {
    stopped = true;
  }
}
