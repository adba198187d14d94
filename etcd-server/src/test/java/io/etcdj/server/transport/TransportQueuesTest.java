package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded queues drop and report instead of blocking (SPEC PTR-025, PTR-027, RFT-015). */
class TransportQueuesTest {
  private final RecordingRaft raft = new RecordingRaft();
  private final RecordingStats stats = new RecordingStats();
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final TransportConfig config =
      TransportConfig.of(1, 0xc1, List.of(), Duration.ofSeconds(1));
  private final Transport transport = new Transport(config, raft, stats, group, Clock.systemUTC());

  @AfterEach
  void tearDown() {
    transport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  static Message msg(MessageType type) {
    return Message.newBuilder().setType(type).setFrom(1).setTo(2).setTerm(1).build();
  }

  /** A stream whose event loop is stuck: the 4097th message is dropped and 2 reported. */
  @Test
  void fullStreamQueueDropsAndReportsUnreachable() throws Exception {
    DefaultEventLoopGroup local = new DefaultEventLoopGroup(1);
    try (ServerSocket silent = new ServerSocket(0)) {
      transport.addPeer(2, List.of("http://127.0.0.1:" + silent.getLocalPort()));
      LocalAddress address = new LocalAddress("stream-queue-test");
      Channel server =
          new ServerBootstrap()
              .group(local)
              .channel(LocalServerChannel.class)
              .childHandler(new ChannelInboundHandlerAdapter())
              .bind(address)
              .sync()
              .channel();
      Channel stream =
          new Bootstrap()
              .group(local)
              .channel(LocalChannel.class)
              .handler(new ChannelInboundHandlerAdapter())
              .connect(address)
              .sync()
              .channel();
      assertThat(transport.attachStream(2, StreamType.MESSAGE, stream)).isTrue();
      CountDownLatch release = new CountDownLatch(1);
      stream.eventLoop().execute(() -> awaitQuietly(release));
      List<Message> batch = new ArrayList<>();
      for (int i = 0; i < StreamWriter.QUEUE_LIMIT; i++) {
        batch.add(msg(MessageType.MsgHeartbeat));
      }
      transport.send(batch);
      assertThat(raft.unreachableCount(2)).isZero();
      transport.send(List.of(msg(MessageType.MsgHeartbeat)));
      assertThat(raft.unreachableCount(2)).isEqualTo(1);
      // Once the event loop runs again the queue drains and nothing more is dropped.
      release.countDown();
      stream.eventLoop().submit(() -> {}).sync();
      transport.send(List.of(msg(MessageType.MsgHeartbeat)));
      stream.eventLoop().submit(() -> {}).sync();
      assertThat(raft.unreachableCount(2)).isEqualTo(1);
      stream.close().sync();
      server.close().sync();
    } finally {
      local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A peer that accepts connections but never answers holds 4 POSTs in flight; 64 more wait; the
   * next is dropped, and a dropped MsgSnap is reported as a failed snapshot (RFT-013).
   */
  @Test
  void fullPipelineDropsAndReportsSnapshotFailure() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 200)) {
      transport.addPeer(2, List.of("http://127.0.0.1:" + silent.getLocalPort()));
      List<Message> batch = new ArrayList<>();
      for (int i = 0; i < Pipeline.SENDERS + Pipeline.QUEUE_LIMIT; i++) {
        batch.add(msg(MessageType.MsgVote));
      }
      transport.send(batch);
      assertThat(raft.unreachableCount(2)).isZero();
      transport.send(List.of(msg(MessageType.MsgSnap)));
      assertThat(raft.unreachableCount(2)).isEqualTo(1);
      assertThat(raft.snapshots).containsExactly("2:FAILURE");
    }
  }

  /** Messages to unknown or removed peers are dropped silently (RFT-015). */
  @Test
  void messagesToUnknownPeersAreDropped() {
    transport.send(List.of(msg(MessageType.MsgApp)));
    assertThat(raft.unreachable).isEmpty();
    assertThat(stats.failures(2)).isZero();
  }

  /** PTR-027: stick to a URL, move on only when the one in use fails. */
  @Test
  void urlPickerSticksThenRotates() {
    URI a = URI.create("http://a:1");
    URI b = URI.create("http://b:1");
    UrlPicker p = new UrlPicker(List.of(a, b));
    assertThat(p.pick()).isEqualTo(a);
    p.unreachable(b);
    assertThat(p.pick()).isEqualTo(a);
    p.unreachable(a);
    assertThat(p.pick()).isEqualTo(b);
    p.unreachable(b);
    assertThat(p.pick()).isEqualTo(a);
  }
}
