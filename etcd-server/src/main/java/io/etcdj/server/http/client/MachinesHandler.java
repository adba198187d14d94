package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v2/machines}: every member's client URLs, sorted, joined by {@code ", "}, as text
 * (SPEC OTH-012).
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class MachinesHandler implements Route {
  private final EtcdServer server;

  MachinesHandler(EtcdServer server) {
    this.server = server;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "GET", "HEAD")) {
      return;
    }
    boolean head = request.method().name().equals("HEAD");
    // OTH-012: every member's client URLs, sorted.
    List<String> urls = new ArrayList<>();
    server.members().forEach(m -> urls.addAll(m.clientUrls()));
    urls.sort(null);
    String body = String.join(", ", urls);
    HttpReplies.send(ctx, head, HttpReplies.response(HttpResponseStatus.OK, HttpReplies.TEXT, body));
  }
}
