package io.etcdj.server.transport;

import io.etcdj.raft.raftpb.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials {@code GET /raft/stream/<type>/<local id>} on one peer and hands every message that arrives
 * on the response to raft (the pull model, SPEC PTR-020). It redials after a failure or a lost
 * connection, {@link TransportConfig#reconnectDelay} apart, until stopped or until the peer says
 * this member was removed (410, PTR-015).
 *
 * <p>Thread-safety: thread-safe. The connection's state lives on its event loop; {@code stopped}
 * and the current channel are volatile.
 */
final class StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  private final StreamType type;
  private final long peerId;
  private final TransportConfig config;
  private final RaftHandler raft;
  private final PeerHttpClient client;
  private final UrlPicker picker;
  private final PeerStatus status;
  private volatile boolean stopped;
  private volatile Channel channel;

  StreamReader(
      StreamType type,
      long peerId,
      TransportConfig config,
      RaftHandler raft,
      PeerHttpClient client,
      UrlPicker picker,
      PeerStatus status) {
    this.type = type;
    this.peerId = peerId;
    this.config = config;
    this.raft = raft;
    this.client = client;
    this.picker = picker;
    this.status = status;
  }

  void start() {
    dial();
  }

  void stop() {
    stopped = true;
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  private void dial() {
    if (stopped) {
      return;
    }
    URI url = picker.pick();
    long idle = config.streamIdleTimeout().toMillis();
    ChannelFuture f =
        client.connect(
            url,
            () ->
                new ChannelHandler[] {
                  new HttpClientCodec(),
                  new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS),
                  new Handler(url)
                });
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            failed(url, String.valueOf(done.cause().getMessage()));
            redial(f.channel());
            return;
          }
          Channel ch = f.channel();
          channel = ch;
          if (stopped) {
            ch.close();
            return;
          }
          ch.closeFuture().addListener(c -> redial(ch));
          ch.writeAndFlush(request(url));
        });
  }

  private FullHttpRequest request(URI url) {
    FullHttpRequest r =
        PeerHttpClient.request(HttpMethod.GET, url, type.path(config.localId()), new byte[0]);
    PeerHeaders.setCommon(r.headers(), config);
    r.headers().set(PeerHeaders.RAFT_TO, TransportConfig.hex(peerId));
    return r;
  }

  private void redial(Channel ch) {
    if (stopped) {
      return;
    }
    ch.eventLoop().schedule(this::dial, config.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void failed(URI url, String reason) {
    picker.unreachable(url);
    status.deactivate(
        "failed to dial "
            + TransportConfig.hex(peerId)
            + " on "
            + type.logName()
            + " ("
            + reason
            + ")");
  }

  /** Reads one connection: the response head, then frames until the connection ends. */
  private final class Handler extends ChannelInboundHandlerAdapter {
    private final URI url;
    private final StreamDecoder decoder = type.newDecoder(config.localId(), peerId);
    private ByteBuf pending;
    private int statusCode;
    private String remoteClusterId;
    private final StringBuilder errorBody = new StringBuilder();

    Handler(URI url) {
      this.url = url;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpResponse r) {
          onHead(ctx, r);
        }
        if (msg instanceof HttpContent c) {
          onContent(ctx, c);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void onHead(ChannelHandlerContext ctx, HttpResponse r) {
      statusCode = r.status().code();
      remoteClusterId = r.headers().get(PeerHeaders.CLUSTER_ID);
      switch (statusCode) {
        case 200 -> {
          pending = ctx.alloc().buffer();
          LOG.info(
              "established a TCP streaming connection with peer {} ({} reader)",
              TransportConfig.hex(peerId),
              type.logName());
          status.activate();
        }
        case 410 -> {
          // The peer has us on its removed list: this member must stop (PTR-015, CLU-033).
          LOG.error("the member has been permanently removed from the cluster");
          stopped = true;
          raft.reportRemoved(peerId);
          ctx.close();
        }
        case 404 -> {
          failed(
              url,
              "peer "
                  + TransportConfig.hex(peerId)
                  + " failed to find local node "
                  + TransportConfig.hex(config.localId()));
          ctx.close();
        }
        default -> {
          // 412 and others: wait for the body to say why.
        }
      }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent c) {
      if (statusCode == 404 || statusCode == 410) {
        return;
      }
      if (statusCode != 200) {
        errorBody.append(c.content().toString(StandardCharsets.UTF_8));
        if (c instanceof LastHttpContent) {
          rejected(ctx);
        }
        return;
      }
      pending.writeBytes(c.content());
      try {
        Message m;
        while ((m = decoder.decode(pending)) != null) {
          if (!Frames.isLinkHeartbeat(m)) {
            deliver(m);
          }
        }
      } catch (StreamDecodeException e) {
        // A corrupt stream cannot be resynchronised: drop it and dial again.
        status.deactivate(
            "failed to read "
                + TransportConfig.hex(peerId)
                + " on "
                + type.logName()
                + " ("
                + e.getMessage()
                + ")");
        ctx.close();
        return;
      }
      pending.discardSomeReadBytes();
      if (c instanceof LastHttpContent) {
        ctx.close();
      }
    }

    /** Raft may drop messages (PTR-025); a failure to take one must not cost the stream. */
    private void deliver(Message m) {
      try {
        raft.process(m);
      } catch (RuntimeException e) {
        LOG.warn("dropped {} from {} ({})", m.getType(), TransportConfig.hex(peerId), e.toString());
      }
    }

    private void rejected(ChannelHandlerContext ctx) {
      String body = errorBody.toString().strip();
      String reason =
          switch (body) {
            case PeerHeaders.INCOMPATIBLE_VERSION ->
                "request sent was ignored by peer "
                    + TransportConfig.hex(peerId)
                    + " (server version incompatible)";
            case PeerHeaders.CLUSTER_ID_MISMATCH ->
                "request sent was ignored (cluster ID mismatch"
                    + ": peer["
                    + TransportConfig.hex(peerId)
                    + "]="
                    + remoteClusterId
                    + ", local="
                    + TransportConfig.hex(config.clusterId())
                    + ")";
            default -> "unhandled http status " + statusCode + " (" + body + ")";
          };
      failed(url, reason);
      ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (pending != null) {
        pending.release();
        pending = null;
        LOG.warn(
            "lost the TCP streaming connection with peer {} ({} reader)",
            TransportConfig.hex(peerId),
            type.logName());
        if (!stopped) {
          status.deactivate(
              "failed to read "
                  + TransportConfig.hex(peerId)
                  + " on "
                  + type.logName()
                  + " (connection closed)");
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failed(url, String.valueOf(cause.getMessage()));
      ctx.close();
    }
  }
}
