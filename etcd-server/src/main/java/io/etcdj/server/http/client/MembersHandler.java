package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Member;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /v2/members} for this single member (SPEC OTH-020..031): the list, the leader, and the
 * request checks of add/remove/update. Changing the membership needs raft; until then such a
 * change that passes the checks fails with 500 {@code Internal Server Error}.
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
      return json("{\"members\":[" + memberJson(server.self()) + "]}\n");
    }
    if (rest.equals("leader")) {
      return json(memberJson(server.self()) + "\n");
    }
    return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "Not found");
  }

  /** OTH-024: a JSON body is required; a valid add needs raft (not yet). */
  private FullHttpResponse post(FullHttpRequest request) {
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (!"application/json".equals(contentType)) {
      return HttpReplies.message(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Bad Content-Type " + (contentType == null ? "" : contentType)
              + ", accept application/json");
    }
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
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
    if (parsed != server.self().id()) {
      return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
    }
    if (request.method().name().equals("PUT")) {
      String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
      if (!"application/json".equals(contentType)) {
        return HttpReplies.message(
            HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "Bad Content-Type " + (contentType == null ? "" : contentType)
                + ", accept application/json");
      }
    }
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  static String memberJson(Member m) {
    return "{\"id\":\""
        + m.idHex()
        + "\",\"name\":"
        + JsonText.quote(m.name())
        + ",\"peerURLs\":"
        + JsonText.array(m.peerUrls())
        + ",\"clientURLs\":"
        + JsonText.array(m.clientUrls())
        + "}";
  }

  private static FullHttpResponse json(String body) {
    return HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, body);
  }
}
