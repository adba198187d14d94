package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.store.V2Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /v2/stats/self}, {@code /v2/stats/leader} and {@code /v2/stats/store} (SPEC
 * OTH-040..046).
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class StatsHandler {
  private final EtcdServer server;

  StatsHandler(EtcdServer server) {
    this.server = server;
  }

  Route self() {
    return getOnly(
        () -> {
          String id = server.idHex();
          String start = GoTimeFormat.rfc3339Nano(server.startTime());
          long uptime = server.leaderUptimeNanos();
          // OTH-040: leaderInfo.startTime is when this member saw the current leader appear.
          String leaderStart =
              GoTimeFormat.rfc3339Nano(server.clock().instant().minusNanos(uptime));
          return "{\"name\":"
              + V2Json.quote(server.name())
              + ",\"id\":\""
              + id
              + "\",\"state\":\""
              + (server.isLeader() ? "StateLeader" : "StateFollower")
              + "\",\"startTime\":\""
              + start
              + "\",\"leaderInfo\":{\"leader\":\""
              + Long.toHexString(server.leaderId())
              + "\",\"uptime\":\""
              + GoTimeFormat.duration(uptime)
              + "\",\"startTime\":\""
              + leaderStart
              + "\"},"
              + server.appendStatsJson()
              + "}";
        });
  }

  /** OTH-042: the followers' latencies and counts; 403 on a member that is not the leader. */
  Route leader() {
    return (ctx, request, path, q) -> {
      if (HttpReplies.refusesMethod(ctx, request, "GET")) {
        return;
      }
      String body = server.leaderStatsJson();
      HttpReplies.send(
          ctx,
          false,
          body == null
              ? HttpReplies.message(HttpResponseStatus.FORBIDDEN, "not current leader")
              : HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, body));
    };
  }

  Route store() {
    return (ctx, request, path, q) -> {
      if (HttpReplies.refusesMethod(ctx, request, "GET")) {
        return;
      }
      HttpReplies.send(
          ctx,
          false,
          HttpReplies.response(
              HttpResponseStatus.OK, HttpReplies.JSON, Unpooled.wrappedBuffer(server.storeStats())));
    };
  }

  private static Route getOnly(java.util.function.Supplier<String> body) {
    return (ctx, request, path, q) -> {
      if (HttpReplies.refusesMethod(ctx, request, "GET")) {
        return;
      }
      HttpReplies.send(
          ctx, false, HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, body.get()));
    };
  }
}
