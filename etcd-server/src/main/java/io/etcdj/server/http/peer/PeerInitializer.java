package io.etcdj.server.http.peer;

import io.etcdj.server.http.GoExpectAggregator;
import io.etcdj.server.http.GoResponseHeaders;
import io.etcdj.server.http.GoServerCodec;
import io.etcdj.server.transport.RaftHandler;
import io.etcdj.server.transport.Transport;
import io.etcdj.server.transport.TransportConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The pipeline of each connection on {@code --listen-peer-urls} (STYLE 8): TLS when the peer URLs
 * are {@code https} (SPEC FLG-042), HTTP codec, body aggregation, then the router with the whole
 * peer route table.
 *
 * <p>Thread-safety: shared by the listener's channels; it holds only shared, thread-safe handlers.
 */
public final class PeerInitializer extends ChannelInitializer<SocketChannel> {
  /**
   * Pipeline bodies have no total limit in etcd (SPEC PTR-028); the largest we aggregate is the
   * largest frame a stream may carry, 512 MiB less one byte (PTR-022).
   */
  static final int MAX_BODY = 512 * 1024 * 1024 - 1;

  private final PeerRouter router;
  private final Path spoolDir;

  /** Spools large pipeline bodies to the system temp directory (tests). */
  public PeerInitializer(
      TransportConfig config,
      PeerCluster cluster,
      RaftHandler raft,
      Transport transport,
      Clock clock) {
    this(config, cluster, raft, transport, clock, null);
  }

  /**
   * @param spoolDir where a large pipeline body (a MsgSnap) is written as it arrives: the member's
   *     snap directory
   */
  public PeerInitializer(
      TransportConfig config,
      PeerCluster cluster,
      RaftHandler raft,
      Transport transport,
      Clock clock,
      Path spoolDir) {
    this.router = router(config, cluster, raft, transport, clock);
    this.spoolDir = spoolDir;
  }

  static PeerRouter router(
      TransportConfig config,
      PeerCluster cluster,
      RaftHandler raft,
      Transport transport,
      Clock clock) {
    Map<String, PeerRoute> exact =
        Map.of(
            "/raft", new PipelineHandler(config, raft),
            "/raft/probing", new ProbingHandler(clock),
            "/members", new MembersHandler(config, cluster),
            "/version", new VersionHandler(config, cluster));
    return new PeerRouter(exact, new StreamHandler(config, raft, transport));
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("codec", GoServerCodec.create());
    p.addLast("goHeaders", new GoResponseHeaders());
    // A MsgSnap body (the whole store) goes to a file as it arrives, not into the aggregator.
    p.addLast("raft-body", new RaftBodySpooler(spoolDir));
    p.addLast("aggregator", new GoExpectAggregator(MAX_BODY));
    p.addLast("router", router);
  }
}
