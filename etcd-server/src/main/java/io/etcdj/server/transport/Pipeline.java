package io.etcdj.server.transport;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message per {@code POST /raft} to one peer (SPEC PTR-001, PTR-021): every MsgSnap (the
 * 2.3 snapshot transfer, PTR-028) and whatever the streams cannot take. At most {@link
 * #QUEUE_LIMIT} messages wait and {@link #SENDERS} requests run at once (PTR-025); a full queue
 * refuses the message. Requests reuse up to {@link #SENDERS} keep-alive connections.
 *
 * <p>Thread-safety: thread-safe; the queue and the in-flight count are guarded by the pipeline's
 * monitor, and completions arrive on Netty event loops.
 */
final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  static final int QUEUE_LIMIT = 64;
  static final int SENDERS = 4;

  private final long peerId;
  private final TransportConfig config;
  private final RaftHandler raft;
  private final FollowerStats stats;
  private final PeerHttpClient client;
  private final UrlPicker picker;
  private final PeerStatus status;
  private final Clock clock;
  private final Queue<Message> queue = new ArrayDeque<>();
  private final Deque<KeepAliveConnection> idle = new ArrayDeque<>();
  private int inFlight;
  private boolean stopped;

  Pipeline(
      long peerId,
      TransportConfig config,
      RaftHandler raft,
      FollowerStats stats,
      PeerHttpClient client,
      UrlPicker picker,
      PeerStatus status,
      Clock clock) {
    this.peerId = peerId;
    this.config = config;
    this.raft = raft;
    this.stats = stats;
    this.client = client;
    this.picker = picker;
    this.status = status;
    this.clock = clock;
  }

  /** Queues {@code m}; false when the queue is full or the pipeline stopped. */
  boolean trySend(Message m) {
    synchronized (this) {
      if (stopped || queue.size() >= QUEUE_LIMIT) {
        return false;
      }
      queue.add(m);
    }
    drain();
    return true;
  }

  void stop() {
    List<KeepAliveConnection> open;
    synchronized (this) {
      stopped = true;
      queue.clear();
      open = List.copyOf(idle);
      idle.clear();
    }
    open.forEach(KeepAliveConnection::close);
  }

  /** An idle connection to {@code url}, or a new one (PTR-025: at most {@link #SENDERS}). */
  private CompletableFuture<KeepAliveConnection> connection(URI url) {
    synchronized (this) {
      KeepAliveConnection c;
      while ((c = idle.poll()) != null) {
        if (c.isUsable() && c.url().equals(url)) {
          return CompletableFuture.completedFuture(c);
        }
        c.close();
      }
    }
    return client.open(url);
  }

  private void release(KeepAliveConnection c) {
    synchronized (this) {
      if (!stopped && c.isUsable() && idle.size() < SENDERS) {
        idle.add(c);
        return;
      }
    }
    c.close();
  }

  private void drain() {
    while (true) {
      Message m;
      synchronized (this) {
        if (stopped || inFlight >= SENDERS || queue.isEmpty()) {
          return;
        }
        m = queue.poll();
        inFlight++;
      }
      post(m);
    }
  }

  private void post(Message m) {
    URI url = picker.pick();
    Instant start = clock.instant();
    // A MsgSnap's data goes out from the .snap file's mapping, never copied whole (PTR-028).
    FullHttpRequest request =
        PeerHttpClient.request(HttpMethod.POST, url, "/raft", new byte[0])
            .replace(PipelineBody.encode(m));
    PeerHeaders.setCommon(request.headers(), config);
    request.headers().set("Content-Type", "application/protobuf");
    AtomicReference<KeepAliveConnection> used = new AtomicReference<>();
    connection(url)
        .thenCompose(
            c -> {
              used.set(c);
              return c.send(request);
            })
        .whenComplete(
            (reply, error) -> {
              synchronized (this) {
                inFlight--;
              }
              KeepAliveConnection c = used.get();
              if (c == null) {
                request.release();
              } else if (error == null) {
                release(c);
              } else {
                c.close();
              }
              if (error != null) {
                failed(m, url, "failed to post to " + url + " (" + error.getMessage() + ")");
              } else {
                handleReply(m, url, reply, Duration.between(start, clock.instant()));
              }
              drain();
            });
  }

  private void handleReply(Message m, URI url, PeerHttpClient.Reply reply, Duration latency) {
    switch (reply.status()) {
      case 204 -> {
        status.activate();
        if (m.getType() == MessageType.MsgApp) {
          stats.succ(peerId, latency);
        }
        if (m.getType() == MessageType.MsgSnap) {
          raft.reportSnapshot(peerId, SnapshotStatus.FINISH);
        }
      }
      case 403 -> {
        // The peer refuses messages from us because we were removed (PTR-015, CLU-033).
        LOG.error("the member has been permanently removed from the cluster");
        failed(m, url, "removed member");
        raft.reportRemoved(peerId);
      }
      case 412 ->
          failed(
              m,
              url,
              "request sent was ignored by peer "
                  + TransportConfig.hex(peerId)
                  + " ("
                  + reply.body().strip()
                  + ")");
      default ->
          failed(
              m,
              url,
              "unexpected http status "
                  + reply.status()
                  + " while posting to "
                  + url
                  + " ("
                  + reply.body().strip()
                  + ")");
    }
  }

  private void failed(Message m, URI url, String reason) {
    picker.unreachable(url);
    status.deactivate(reason);
    if (m.getType() == MessageType.MsgApp) {
      stats.fail(peerId);
    }
    raft.reportUnreachable(peerId);
    if (m.getType() == MessageType.MsgSnap) {
      raft.reportSnapshot(peerId, SnapshotStatus.FAILURE);
    }
  }
}
