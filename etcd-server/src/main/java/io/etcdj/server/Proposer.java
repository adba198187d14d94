package io.etcdj.server;

import io.etcdj.store.Event;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the HTTP layer and replication (DESIGN "The path of a write", steps 2-4): a
 * request goes in, the future completes once the request has been applied to this member's store,
 * with the store's event or its {@link io.etcdj.store.EtcdException}. Today {@link LocalProposer}
 * applies directly; the raft work replaces it without touching the handlers.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; futures complete on the apply
 * thread.
 */
public interface Proposer extends AutoCloseable {
  CompletableFuture<Event> propose(Request request);

  /** The index of the last applied log entry (X-Raft-Index, SPEC KEY-180). */
  long appliedIndex();

  /** The current term (X-Raft-Term). */
  long term();

  /** Fails every pending and later proposal with "server stopped" (SPEC ERR-004). */
  @Override
  void close();
}
