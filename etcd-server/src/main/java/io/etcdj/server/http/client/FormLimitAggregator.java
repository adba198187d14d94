package io.etcdj.server.http.client;

import io.etcdj.server.http.GoExpectAggregator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Aggregates request bodies up to Go's form limit (10 MiB). A keys write whose url-encoded body is
 * larger is answered like etcd answers it, with error 210 {@code http: POST too large} (SPEC
 * KEY-033); the rest of that body is read and discarded so the connection stays usable. Other
 * oversized requests get Netty's 413. Expectations as Go's server meets them ({@link
 * GoExpectAggregator}).
 *
 * <p>Thread-safety: one instance per channel (Netty aggregators are stateful).
 */
final class FormLimitAggregator extends GoExpectAggregator {
  private final String clusterIdHex;

  FormLimitAggregator(String clusterIdHex) {
    super(KeysRequestParser.MAX_FORM_BYTES);
    this.clusterIdHex = clusterIdHex;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest request) || !isKeysFormWrite(request)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    String json =
        "{\"errorCode\":210,\"message\":\"Invalid POST form\",\"cause\":\"http: POST too large\","
            + "\"index\":0}\n";
    ByteBuf body = ctx.alloc().buffer().writeBytes(json.getBytes(StandardCharsets.UTF_8));
    FullHttpResponse response =
        HttpReplies.response(HttpResponseStatus.BAD_REQUEST, HttpReplies.JSON, body);
    response.headers().set(KeysHandler.CLUSTER_ID, clusterIdHex);
    response.headers().set(KeysHandler.ETCD_INDEX, "0");
    response.headers().set("Content-Length", body.readableBytes());
    ctx.writeAndFlush(response);
  }

  private static boolean isKeysFormWrite(HttpRequest request) {
    String method = request.method().name();
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    return request.uri().startsWith(KeysRequestParser.KEYS_PREFIX)
        && (method.equals("PUT") || method.equals("POST"))
        && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }
}
