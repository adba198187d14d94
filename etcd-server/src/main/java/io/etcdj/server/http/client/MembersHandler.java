package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Member;
import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v2/members} (SPEC OTH-020..031): the list, the leader, and the
 * request checks of add/remove/update. Changing the membership needs raft; until then such a
 * change that passes the checks fails with 500 {@code Internal Server Error}, as a proposal
 * that cannot commit does.
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class MembersHandler implements Route {
  static final String PREFIX = "/v2/members";

  private final EtcdServer server;

  MembersHandler(EtcdServer server) {
    this.server = server;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    String method = request.method().name();
    if (!method.equals("GET")
        && !method.equals("POST")
        && !method.equals("DELETE")
        && !method.equals("PUT")) {
      HttpReplies.send(
          ctx, method.equals("HEAD"), HttpReplies.methodNotAllowed("GET", "POST", "DELETE", "PUT"));
      return;
    }
    String rest = path.substring(PREFIX.length());
    rest = rest.startsWith("/") ? rest.substring(1) : rest;
    FullHttpResponse response =
        switch (method) {
          case "GET" -> get(rest);
          case "POST" -> post(request);
          default -> change(request, rest);
        };
    response.headers().set(KeysHandler.CLUSTER_ID, server.clusterIdHex());
    HttpReplies.send(ctx, false, response);
  }

  private FullHttpResponse get(String rest) {
    if (rest.isEmpty()) {
      List<String> members = new ArrayList<>();
      server.members().forEach(m -> members.add(memberJson(m)));
      return json("{\"members\":[" + String.join(",", members) + "]}\n");
    }
    if (rest.equals("leader")) {
      long lead = server.leaderId();
      for (Member m : server.members()) {
        if (lead != 0 && m.id() == lead) {
          return json(memberJson(m) + "\n");
        }
      }
      // OTH-022: no leader known (or not yet in the committed membership).
      return HttpReplies.message(HttpResponseStatus.SERVICE_UNAVAILABLE, "During election");
    }
    return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "Not found");
  }

  /**
   * OTH-024..028: a JSON body with valid peer URLs; a URL this member uses is a conflict. A valid
   * add needs raft (not yet), so it fails like a failed proposal, with 500.
   */
  private FullHttpResponse post(FullHttpRequest request) {
    FullHttpResponse invalid = checkBody(request, true);
    if (invalid != null) {
      return invalid;
    }
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  /**
   * The content type (exact match in 2.3) and the peer URLs; null when both are fine. An
   * update of this member may keep its own URLs, so conflicts are only checked for an add.
   */
  private FullHttpResponse checkBody(FullHttpRequest request, boolean checkConflicts) {
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!contentType.equals("application/json")) {
      return HttpReplies.message(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Bad Content-Type " + contentType + ", accept application/json");
    }
    List<String> urls;
    try {
      urls = PeerUrlsRequest.parse(ByteBufUtil.getBytes(request.content()));
    } catch (PeerUrlsRequest.InvalidException e) {
      return HttpReplies.message(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    if (checkConflicts) {
      List<Member> members = server.members();
      for (String url : urls) {
        if (members.stream().anyMatch(m -> m.peerUrls().contains(url))) {
          return HttpReplies.message(HttpResponseStatus.CONFLICT, "membership: peerURL exists");
        }
      }
    }
    return null;
  }

  /** OTH-030, OTH-031: the member ID in the path. */
  private FullHttpResponse change(FullHttpRequest request, String id) {
    if (id.isEmpty()) {
      return HttpReplies.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
    }
    long parsed;
    try {
      parsed = Long.parseUnsignedLong(id, 16);
    } catch (NumberFormatException e) {
      return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
    }
    if (request.method().name().equals("PUT")) {
      // etcd reads the body before it looks the member up
      FullHttpResponse invalid = checkBody(request, false);
      if (invalid != null) {
        return invalid;
      }
    }
    if (parsed != server.self().id()) {
      return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
    }
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  static String memberJson(Member m) {
    return "{\"id\":\""
        + m.idHex()
        + "\",\"name\":"
        + V2Json.quote(m.name())
        + ",\"peerURLs\":"
        + V2Json.quoteArray(m.peerUrls())
        + ",\"clientURLs\":"
        + V2Json.quoteArray(m.clientUrls())
        + "}";
  }

  private static FullHttpResponse json(String body) {
    return HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, body);
  }
}
