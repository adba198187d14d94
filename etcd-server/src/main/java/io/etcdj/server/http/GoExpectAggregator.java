package io.etcdj.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Aggregates request bodies with Go's answers to {@code Expect}: {@code 100-continue} is always
 * accepted (Go's server sends the 100 once the handler reads the body), and any other expectation
 * goes on to the handler, where {@code GoServerRefusals} answers Go's 417 and closes. Netty's own
 * aggregator answers that 417 itself, without closing the connection and without Go's headers.
 *
 * <p>Thread-safety: one instance per channel (Netty aggregators are stateful).
 */
public class GoExpectAggregator extends HttpObjectAggregator {
  public GoExpectAggregator(int maxContentLength) {
    super(maxContentLength);
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    if (!HttpUtil.is100ContinueExpected(start)) {
      return null;
    }
    start.headers().remove(HttpHeaderNames.EXPECT);
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE);
  }
}
