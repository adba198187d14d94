package io.etcdj.server.http.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.server.transport.PeerHeaders;
import io.etcdj.server.transport.RaftHandler;
import io.etcdj.server.transport.TransportConfig;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /raft}: one protobuf Message per request (SPEC PTR-001, PTR-013), checked in etcd's
 * order: method, versions and cluster ID (412), body, removed sender (403), then handed to raft and
 * answered 204. A large body arrives spooled to a mapped file (PTR-028; {@link RaftBodySpooler}).
 *
 * <p>Thread-safety: stateless apart from immutable settings; shared by every channel.
 */
final class PipelineHandler implements PeerRoute {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  static final String REMOVED_BODY = "{\"message\":\"cannot process message from removed member\"}";

  private final TransportConfig config;
  private final RaftHandler raft;

  PipelineHandler(TransportConfig config, RaftHandler raft) {
    this.config = config;
    this.raft = raft;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    PeerReplies.send(ctx, request, reply(request));
  }

  private FullHttpResponse reply(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.POST)) {
      return PeerReplies.methodNotAllowed("POST");
    }
    FullHttpResponse r = check(request);
    r.headers().set(PeerHeaders.CLUSTER_ID, TransportConfig.hex(config.clusterId()));
    return r;
  }

  private FullHttpResponse check(FullHttpRequest request) {
    Optional<String> rejection = PeerHeaders.rejection(request.headers(), config);
    if (rejection.isPresent()) {
      LOG.warn(
          "rejected a pipeline request from {}: {}",
          request.headers().get(PeerHeaders.SERVER_FROM),
          rejection.get());
      return PeerReplies.error(HttpResponseStatus.PRECONDITION_FAILED, rejection.get());
    }
    Message m;
    try {
      m = parse(request);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("failed to unmarshal raft message ({})", e.getMessage());
      return PeerReplies.error(HttpResponseStatus.BAD_REQUEST, "error unmarshalling raft message");
    } catch (IOException e) {
      return PeerReplies.error(HttpResponseStatus.BAD_REQUEST, "error reading raft message");
    }
    if (raft.isIdRemoved(m.getFrom())) {
      // CLU-033: a removed member is refused forever; the 403 tells it to stop.
      LOG.warn("rejected a message from removed member {}", Long.toHexString(m.getFrom()));
      return PeerReplies.response(HttpResponseStatus.FORBIDDEN, PeerReplies.JSON, REMOVED_BODY);
    }
    try {
      raft.process(m);
    } catch (RuntimeException e) {
      LOG.warn("failed to process raft message ({})", e.toString());
      return PeerReplies.error(
          HttpResponseStatus.INTERNAL_SERVER_ERROR, "error processing raft message");
    }
    return PeerReplies.response(HttpResponseStatus.NO_CONTENT, null, "");
  }

  /**
   * A large body was spooled and mapped ({@link RaftBodySpooler}): a MsgSnap's data then stays a
   * view of that mapping, which raft, the snapshotter and the store recovery read as a stream.
   */
  private static Message parse(FullHttpRequest request) throws IOException {
    if (request instanceof RaftBodySpooler.MappedRequest) {
      return MappedMessage.parse(request.content().nioBuffer());
    }
    try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
      return Message.parseFrom(in);
    }
  }
}
