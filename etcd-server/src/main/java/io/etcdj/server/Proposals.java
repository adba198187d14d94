package io.etcdj.server;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.store.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
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
  private final LongAdder requestsRead = new LongAdder();
  private volatile long requestsAtLastWrite;
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
   * <p>A lone writer's raft round may run on its own event loop ({@link RaftLoop#propose}), which
   * then waits for the fsync: only when nothing else would wait with it. That is, this request
   * is the only one waiting on raft, and since the previous write from an event loop the client
   * listeners read no other request (with readers about, every write would hold their event loop
   * for an fsync: GETs c=32 beside PUTs c=1 ran 28 % slower, docs/benchmarks.md, session 5).
   *
   * @param caller the caller's event loop; null if the caller is not on one
   */
  CompletableFuture<Event> propose(Request request, Executor caller) {
    if (stopped) {
      return CompletableFuture.failedFuture(new ServerStoppedException());
    }
    long id = ids.next();
    CompletableFuture<Event> result = pending.register(id);
    Executor lone = caller != null && quietSinceLastWrite() && pending.waiting() == 1 ? caller : null;
    raft.propose(RequestCodec.encode(id, request), lone);
    return result;
  }

  /** One more client request read (see {@link #propose}). */
  void clientRequestRead() {
    requestsRead.increment();
  }

  /**
   * Whether the client listeners read no request but this write since the last write from an event
   * loop. Two writers racing here may both see quiet; the raft loop's own check (the last round held
   * one proposal) settles it.
   */
  private boolean quietSinceLastWrite() {
    long now = requestsRead.sum();
    long before = requestsAtLastWrite;
    requestsAtLastWrite = now;
    return now - before <= 1;
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
