package io.etcdj.server.http.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.Member;
import io.etcdj.server.transport.PeerHeaders;
import io.etcdj.server.transport.TransportConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /members} on the peer port (SPEC PTR-004): the members sorted by ID, IDs as unsigned
 * decimal numbers, {@code name} and {@code clientURLs} left out while empty, and a trailing newline
 * as Go's JSON encoder writes.
 *
 * <p>Thread-safety: stateless apart from immutable collaborators; shared by every channel.
 */
final class MembersHandler implements PeerRoute {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TransportConfig config;
  private final PeerCluster cluster;

  MembersHandler(TransportConfig config, PeerCluster cluster) {
    this.config = config;
    this.cluster = cluster;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!request.method().equals(HttpMethod.GET)) {
      PeerReplies.send(ctx, request, PeerReplies.methodNotAllowed("GET"));
      return;
    }
    FullHttpResponse r =
        PeerReplies.response(HttpResponseStatus.OK, PeerReplies.JSON, body(cluster.members()));
    r.headers().set(PeerHeaders.CLUSTER_ID, TransportConfig.hex(config.clusterId()));
    PeerReplies.send(ctx, request, r);
  }

  static String body(List<Member> members) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::id, Long::compareUnsigned));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Member m : sorted) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", new BigInteger(Long.toUnsignedString(m.id())));
      json.put("peerURLs", m.peerUrls());
      if (!m.name().isEmpty()) {
        json.put("name", m.name());
      }
      if (!m.clientUrls().isEmpty()) {
        json.put("clientURLs", m.clientUrls());
      }
      out.add(json);
    }
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
