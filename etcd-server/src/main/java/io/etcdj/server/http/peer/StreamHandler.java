package io.etcdj.server.http.peer;

import io.etcdj.server.transport.PeerHeaders;
import io.etcdj.server.transport.RaftHandler;
import io.etcdj.server.transport.StreamType;
import io.etcdj.server.transport.Transport;
import io.etcdj.server.transport.TransportConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /raft/stream/<type>/<sender id hex>}: a peer asks for the messages this member has for
 * it (the pull model, SPEC PTR-002, PTR-014, PTR-020). After etcd's checks the 200 head is flushed
 * and the connection is handed to the {@link Transport}, which writes frames on it until either
 * side closes.
 *
 * <p>Thread-safety: stateless apart from immutable settings; shared by every channel.
 */
final class StreamHandler implements PeerRoute {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");
  private static final String PREFIX = "/raft/stream/";

  private final TransportConfig config;
  private final RaftHandler raft;
  private final Transport transport;

  StreamHandler(TransportConfig config, RaftHandler raft, Transport transport) {
    this.config = config;
    this.raft = raft;
    this.transport = transport;
  }

  /** An accepted stream request. */
  record Accepted(StreamType type, long from) {}

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!request.method().equals(HttpMethod.GET)) {
      PeerReplies.send(ctx, request, PeerReplies.methodNotAllowed("GET"));
      return;
    }
    Accepted accepted;
    try {
      accepted = admit(request, path);
    } catch (Refusal refusal) {
      FullHttpResponse r = PeerReplies.error(refusal.status, refusal.getMessage());
      setHeaders(r);
      PeerReplies.send(ctx, request, r);
      return;
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    setHeaders(head);
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    // A peer that stops reading must not make us buffer without end: like etcd's 5 s write
    // deadline on stream connections (PTR-024), a write stuck that long closes the stream.
    ctx.pipeline()
        .addFirst(
            "writeTimeout",
            new WriteTimeoutHandler(config.streamIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    ctx.writeAndFlush(head);
    if (!transport.attachStream(accepted.from(), accepted.type(), ctx.channel())) {
      // The peer was removed between the check and now.
      ctx.close();
    }
  }

  private void setHeaders(HttpResponse r) {
    r.headers().set(PeerHeaders.SERVER_VERSION, config.serverVersion());
    r.headers().set(PeerHeaders.CLUSTER_ID, TransportConfig.hex(config.clusterId()));
  }

  /** etcd's checks in etcd's order (PTR-012, PTR-014). */
  Accepted admit(FullHttpRequest request, String path) throws Refusal {
    Optional<String> rejection = PeerHeaders.rejection(request.headers(), config);
    if (rejection.isPresent()) {
      throw refuse(HttpResponseStatus.PRECONDITION_FAILED, rejection.get(), request);
    }
    String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    int slash = rest.indexOf('/');
    StreamType type = slash < 0 ? null : StreamType.ofSegment(rest.substring(0, slash));
    if (type == null) {
      throw refuse(HttpResponseStatus.NOT_FOUND, "invalid path", request);
    }
    long from;
    try {
      from = Long.parseUnsignedLong(rest.substring(rest.lastIndexOf('/') + 1), 16);
    } catch (NumberFormatException e) {
      throw refuse(HttpResponseStatus.NOT_FOUND, "invalid from", request);
    }
    if (raft.isIdRemoved(from)) {
      throw refuse(HttpResponseStatus.GONE, "removed member", request);
    }
    if (!transport.hasPeer(from)) {
      throw refuse(HttpResponseStatus.NOT_FOUND, "error sender not found", request);
    }
    if (!TransportConfig.hex(config.localId()).equals(request.headers().get(PeerHeaders.RAFT_TO))) {
      throw refuse(HttpResponseStatus.PRECONDITION_FAILED, "to field mismatch", request);
    }
    return new Accepted(type, from);
  }

  private static Refusal refuse(HttpResponseStatus status, String body, FullHttpRequest request) {
    LOG.warn(
        "refused a stream request {} from {}: {}",
        request.uri(),
        request.headers().get(PeerHeaders.SERVER_FROM),
        body);
    return new Refusal(status, body);
  }

  /** Why a stream request is refused: the status and the {@code http.Error} text. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final transient HttpResponseStatus status;

    Refusal(HttpResponseStatus status, String body) {
      super(body, null, false, false);
      this.status = status;
    }
  }
}
