package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Member;
import io.etcdj.server.MembershipException;
import io.etcdj.server.auth.Authorizer;
import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/members} (SPEC OTH-020..031): the list, the leader, and add/remove/update. A change
 * that passes the request checks goes through raft as a conf change; it is answered once applied,
 * with etcd's status for each membership error (CLU-030) and 500 for a timeout. With v2 auth on, a
 * change needs root credentials (OTH-081).
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class MembersHandler implements Route {
  static final String PREFIX = "/v2/members";
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  /** CLU-035: etcd's error; the client only sees the 500 every unexpected error gets. */
  private static final String NOT_ENOUGH_STARTED =
      "etcdserver: re-configuration failed due to not enough started members";

  private final EtcdServer server;
  private final Authorizer authorizer;
  private final ClientCredentials credentials;

  MembersHandler(EtcdServer server) {
    this.server = server;
    this.authorizer = new Authorizer(server.auth());
    this.credentials = new ClientCredentials(server.config().clientTls());
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "GET", "POST", "DELETE", "PUT")) {
      return;
    }
    String method = request.method().name();
    // OTH-081: changes need root once auth is on; the 401 has no cluster header, as in etcd.
    CompletableFuture<Boolean> allowed =
        authorizer.writeRootAccess(method, credentials.of(ctx, request));
    if (allowed.isDone()) {
      serve(ctx, request, path, method, allowed.getNow(false));
      return;
    }
    // A bcrypt check answers later: keep the request (its body) until then.
    request.retain();
    allowed.whenCompleteAsync(
        (ok, error) -> {
          try {
            serve(ctx, request, path, method, ok != null && ok);
          } finally {
            request.release();
          }
        },
        ctx.executor());
  }

  private void serve(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, String method, boolean ok) {
    if (!ok) {
      HttpReplies.send(
          ctx,
          false,
          HttpReplies.message(HttpResponseStatus.UNAUTHORIZED, "Insufficient credentials"));
      return;
    }
    String rest = path.substring(PREFIX.length());
    rest = rest.startsWith("/") ? rest.substring(1) : rest;
    CompletableFuture<FullHttpResponse> response =
        switch (method) {
          case "GET" -> CompletableFuture.completedFuture(get(rest));
          case "POST" -> post(request);
          default -> change(request, rest);
        };
    // A change answers once it is applied, on the applying thread (STYLE 8: never wait here).
    response.thenAccept(
        r -> {
          r.headers().set(KeysHandler.CLUSTER_ID, server.clusterIdHex());
          HttpReplies.send(ctx, false, r);
        });
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
   * OTH-024..028: a JSON body with valid peer URLs. The member is added through raft and answered
   * with 201 and its JSON once applied (OTH-027).
   */
  private CompletableFuture<FullHttpResponse> post(FullHttpRequest request) {
    FullHttpResponse invalid = checkBody(request);
    if (invalid != null) {
      return CompletableFuture.completedFuture(invalid);
    }
    List<String> urls = peerUrls(request);
    if (server.config().strictReconfigCheck() && !readyToAddMember(server.members())) {
      LOG.error("error adding member with peer URLs {} ({})", urls, NOT_ENOUGH_STARTED);
      return CompletableFuture.completedFuture(internalError());
    }
    return server
        .addMember(urls)
        .handle(
            (m, error) -> {
              if (error == null) {
                return HttpReplies.response(
                    HttpResponseStatus.CREATED, HttpReplies.JSON, memberJson(m) + "\n");
              }
              // OTH-028: conflicts are 409; a removed ID, a timeout or a stop are 500.
              MembershipException.Kind kind = kindOf(error);
              if (kind == MembershipException.Kind.ID_EXISTS
                  || kind == MembershipException.Kind.PEER_URL_EXISTS) {
                return HttpReplies.message(HttpResponseStatus.CONFLICT, cause(error).getMessage());
              }
              return internalError();
            });
  }

  private static List<String> peerUrls(FullHttpRequest request) {
    try {
      return PeerUrlsRequest.parse(ByteBufUtil.getBytes(request.content()));
    } catch (PeerUrlsRequest.InvalidException e) {
      throw new IllegalStateException("checked before", e);
    }
  }

  private static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static MembershipException.Kind kindOf(Throwable error) {
    return cause(error) instanceof MembershipException m ? m.kind() : null;
  }

  private static FullHttpResponse internalError() {
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  /**
   * The content type (exact match in 2.3) and the peer URLs; null when both are fine. Conflicts
   * with other members are found when the change is applied (CLU-030): a cluster without quorum
   * answers a conflicting add with 500 after the request timeout, as etcd does.
   */
  private FullHttpResponse checkBody(FullHttpRequest request) {
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!contentType.equals("application/json")) {
      return HttpReplies.message(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Bad Content-Type " + contentType + ", accept application/json");
    }
    try {
      PeerUrlsRequest.parse(ByteBufUtil.getBytes(request.content()));
    } catch (PeerUrlsRequest.InvalidException e) {
      return HttpReplies.message(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    return null;
  }

  /** OTH-030, OTH-031: the member ID in the path; answered with 204 once the change is applied. */
  private CompletableFuture<FullHttpResponse> change(FullHttpRequest request, String id) {
    if (id.isEmpty()) {
      return CompletableFuture.completedFuture(
          HttpReplies.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"));
    }
    long parsed;
    try {
      parsed = Long.parseUnsignedLong(id, 16);
    } catch (NumberFormatException e) {
      return CompletableFuture.completedFuture(noSuchMember(id));
    }
    boolean update = request.method().name().equals("PUT");
    CompletableFuture<Void> applied;
    if (update) {
      // etcd reads the body before it looks the member up
      FullHttpResponse invalid = checkBody(request);
      if (invalid != null) {
        return CompletableFuture.completedFuture(invalid);
      }
      applied = server.updateMember(parsed, peerUrls(request));
    } else if (server.config().strictReconfigCheck()
        && !readyToRemoveMember(server.members(), parsed)) {
      LOG.error("error removing member {} ({})", id, NOT_ENOUGH_STARTED);
      return CompletableFuture.completedFuture(internalError());
    } else {
      applied = server.removeMember(parsed);
    }
    return applied.handle(
        (v, error) -> {
          if (error == null) {
            return HttpReplies.response(HttpResponseStatus.NO_CONTENT, null, "");
          }
          MembershipException.Kind kind = kindOf(error);
          if (kind == MembershipException.Kind.ID_NOT_FOUND) {
            return noSuchMember(id);
          }
          if (!update && kind == MembershipException.Kind.ID_REMOVED) {
            return HttpReplies.message(
                HttpResponseStatus.GONE, "Member permanently removed: " + id);
          }
          if (update && kind == MembershipException.Kind.PEER_URL_EXISTS) {
            return HttpReplies.message(HttpResponseStatus.CONFLICT, cause(error).getMessage());
          }
          return internalError();
        });
  }

  /**
   * CLU-035 (etcd 2.3's {@code isReadyToAddNewMember}): with one more member, the members that have
   * started (published a name) must still be a quorum; one started member of two may add, the way
   * back from a lost member.
   */
  static boolean readyToAddMember(List<Member> members) {
    int total = members.size() + 1;
    long started = members.stream().filter(m -> !m.name().isEmpty()).count();
    if (started == 1 && total == 2) {
      return true;
    }
    return started >= total / 2 + 1;
  }

  /** CLU-035 ({@code isReadyToRemoveMember}): the started members left must be a quorum. */
  static boolean readyToRemoveMember(List<Member> members, long id) {
    int total = 0;
    int started = 0;
    for (Member m : members) {
      if (m.id() == id) {
        continue;
      }
      total++;
      started += m.name().isEmpty() ? 0 : 1;
    }
    return started >= total / 2 + 1;
  }

  private static FullHttpResponse noSuchMember(String id) {
    return HttpReplies.message(HttpResponseStatus.NOT_FOUND, "No such member: " + id);
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
