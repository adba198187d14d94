package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to one peer over the response of that peer's stream GET (the pull model, SPEC
 * PTR-020): the peer server attaches the accepted connection here and this writer writes frames on
 * it until it closes. A newer connection replaces an older one.
 *
 * <p>Frames are encoded on the connection's event loop, in send order, each drain of the queue
 * going out as one chunk with one flush. At most {@link #QUEUE_LIMIT} messages wait for it; beyond
 * that {@link #trySend} refuses (SPEC PTR-025) so the caller can drop and report instead of
 * blocking the raft thread.
 *
 * <p>Thread-safety: thread-safe. The attached connection is guarded by the writer's monitor; the
 * encoder belongs to the connection's event loop.
 */
final class StreamWriter {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  /** Per-peer stream send queue (SPEC PTR-025). */
  static final int QUEUE_LIMIT = 4096;

  /** What became of a message handed to {@link #trySend}. */
  enum Outcome {
    /** Queued for the stream. */
    QUEUED,
    /** No stream is attached; use another path. */
    NOT_CONNECTED,
    /** The queue is full; the message was dropped. */
    FULL
  }

  private final StreamType type;
  private final long peerId;
  private final RaftHandler raft;
  private final FollowerStats stats;
  private final Clock clock;
  private final Duration heartbeat;
  private final PeerStatus status;
  private final AtomicInteger pending = new AtomicInteger();
  private Connection connection;

  StreamWriter(
      StreamType type,
      long peerId,
      RaftHandler raft,
      FollowerStats stats,
      Clock clock,
      Duration heartbeat,
      PeerStatus status) {
    this.type = type;
    this.peerId = peerId;
    this.raft = raft;
    this.stats = stats;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.status = status;
  }

  /** A message waiting for the event loop, with the time it was handed to us. */
  private record Queued(Message message, Instant queuedAt) {}

  /** One attached connection, its queue and its own encoder state. */
  private final class Connection {
    final Channel channel;
    final StreamEncoder encoder = type.newEncoder();
    final Queue<Queued> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean drainScheduled = new AtomicBoolean();
    ScheduledFuture<?> heartbeats;

    Connection(Channel channel) {
      this.channel = channel;
    }
  }

  /** Takes over {@code channel}, whose 200 response head has already been written. */
  void attach(Channel channel) {
    Connection next = new Connection(channel);
    Connection previous;
    synchronized (this) {
      previous = connection;
      connection = next;
    }
    if (previous != null) {
      LOG.info(
          "closed an existing TCP streaming connection with peer {} ({} writer)",
          hex(),
          type.logName());
      previous.channel.close();
    }
    LOG.info(
        "established a TCP streaming connection with peer {} ({} writer)", hex(), type.logName());
    status.activate();
    long every = heartbeat.toMillis();
    next.heartbeats =
        channel
            .eventLoop()
            .scheduleAtFixedRate(() -> heartbeat(next), every, every, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> detach(next));
  }

  private void detach(Connection c) {
    c.heartbeats.cancel(false);
    boolean wasCurrent;
    synchronized (this) {
      wasCurrent = connection == c;
      if (wasCurrent) {
        connection = null;
      }
    }
    if (wasCurrent) {
      LOG.warn("lost the TCP streaming connection with peer {} ({} writer)", hex(), type.logName());
    }
  }

  synchronized boolean isConnected() {
    return connection != null;
  }

  Outcome trySend(Message m) {
    Connection c;
    synchronized (this) {
      c = connection;
    }
    if (c == null) {
      return Outcome.NOT_CONNECTED;
    }
    if (pending.incrementAndGet() > QUEUE_LIMIT) {
      pending.decrementAndGet();
      return Outcome.FULL;
    }
    c.queue.add(new Queued(m, clock.instant()));
    // On the connection's own thread (the raft loop's) the caller flushes once its batch is
    // queued (Transport#send). Elsewhere one drain task at a time: waking the event loop once per
    // batch, not once per message.
    if (!c.channel.eventLoop().inEventLoop() && c.drainScheduled.compareAndSet(false, true)) {
      c.channel.eventLoop().execute(() -> drain(c));
    }
    return Outcome.QUEUED;
  }

  /**
   * Writes what {@link #trySend} queued on the connection's own thread, now: a leader's appends
   * must be on the wire before its own fsync starts, not after the round that queued them.
   */
  void flush() {
    Connection c;
    synchronized (this) {
      c = connection;
    }
    if (c != null && c.channel.eventLoop().inEventLoop() && !c.queue.isEmpty()) {
      drain(c);
    }
  }

  /**
   * Runs on the connection's event loop: encodes everything queued into one chunk and flushes it
   * once. The flag is cleared first, so a message queued meanwhile schedules another drain.
   */
  private void drain(Connection c) {
    c.drainScheduled.set(false);
    List<Queued> batch = new ArrayList<>();
    Queued q;
    while ((q = c.queue.poll()) != null) {
      pending.decrementAndGet();
      batch.add(q);
    }
    if (batch.isEmpty()) {
      return;
    }
    if (!c.channel.isActive()) {
      failed(batch, "connection closed");
      return;
    }
    ByteBuf buf = c.channel.alloc().buffer();
    for (Queued each : batch) {
      c.encoder.encode(each.message(), buf);
    }
    c.channel
        .writeAndFlush(new DefaultHttpContent(buf))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                failed(batch, String.valueOf(f.cause()));
                c.channel.close();
                return;
              }
              Instant done = clock.instant();
              for (Queued each : batch) {
                if (each.message().getType() == MessageType.MsgApp) {
                  stats.succ(peerId, Duration.between(each.queuedAt(), done));
                }
              }
            });
  }

  /** Runs on the connection's event loop; keeps an idle stream alive (SPEC PTR-024). */
  private void heartbeat(Connection c) {
    if (!c.channel.isActive()) {
      return;
    }
    ByteBuf buf = c.channel.alloc().buffer();
    c.encoder.encode(Frames.LINK_HEARTBEAT, buf);
    c.channel.writeAndFlush(new DefaultHttpContent(buf));
  }

  private void failed(List<Queued> batch, String reason) {
    status.deactivate("failed to write " + hex() + " on " + type.logName() + " (" + reason + ")");
    for (Queued each : batch) {
      Message m = each.message();
      if (m.getType() == MessageType.MsgApp) {
        stats.fail(peerId);
      }
      raft.reportUnreachable(m.getTo());
    }
  }

  /** Closes the attached connection, if any. */
  void stop() {
    Connection c;
    synchronized (this) {
      c = connection;
      connection = null;
    }
    if (c != null) {
      c.channel.close();
    }
  }

  private String hex() {
    return TransportConfig.hex(peerId);
  }
}
