package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.expvar.DebugVars;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /debug/vars}: etcd's expvar variables as JSON (SPEC OTH-014). Raft's status is read
 * on the raft loop; the answer is written once it is there, on the channel's event loop.
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class DebugVarsHandler implements Route {
  private static final String JSON_UTF8 = "application/json; charset=utf-8";

  private final EtcdServer server;

  DebugVarsHandler(EtcdServer server) {
    this.server = server;
    // The recorder starts with the JVM's management beans, some 30 ms of a fresh JVM that the
    // member's first answer need not wait for (collections before it are counted all the same).
    Thread recorder = new Thread(DebugVars::startRecording, "gc-pause-recorder");
    recorder.setDaemon(true);
    recorder.start();
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "GET")) {
      return;
    }
    server
        .raftStatus()
        .whenCompleteAsync(
            (status, error) -> {
              String body = DebugVars.json(server.config().commandLine(), status);
              HttpReplies.send(
                  ctx, false, HttpReplies.response(HttpResponseStatus.OK, JSON_UTF8, body));
            },
            ctx.executor());
  }
}
