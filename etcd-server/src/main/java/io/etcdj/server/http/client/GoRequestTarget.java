package io.etcdj.server.http.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;

/**
 * What Go's HTTP server and its {@code ServeMux} do with a request target before any of etcd's
 * handlers sees it, for the member's client port and the proxy alike: a request that does not
 * parse, or whose path does not decode, is refused ({@link GoServerRefusals}); a path that is not
 * clean ({@code /a/../b}, {@code //}, a trailing {@code /.}) is a 301 to the clean one (KEY-020).
 *
 * @param path the decoded path
 * @param rawQuery the query as sent, without {@code ?}; empty when there is none
 * @param hasQuery whether the target has a {@code ?} (Go keeps an empty query in a redirect)
 */
public record GoRequestTarget(String path, String rawQuery, boolean hasQuery) {

  /**
   * The target of {@code request} (the origin form of an absolute URI too), or null when the
   * request was refused (it did not parse, or its target is not a path that decodes) and Go's
   * answer has been sent.
   */
  public static GoRequestTarget decode(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      GoServerRefusals.unparsable(ctx, request.decoderResult().cause());
      return null;
    }
    String uri = originForm(request.uri());
    if (!uri.startsWith("/") && !uri.equals("*")) {
      // Go's ParseRequestURI takes an absolute path or an absolute URI, nothing else.
      GoServerRefusals.badRequest(ctx);
      return null;
    }
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    try {
      return new GoRequestTarget(GoUrl.unescapePath(rawPath), rawQuery, q >= 0);
    } catch (GoUrl.DecodeException e) {
      GoServerRefusals.badRequest(ctx);
      return null;
    }
  }

  /**
   * The path and query of a request target. A client that takes the server for an HTTP forward
   * proxy sends the absolute form ({@code GET http://host/v2/keys/a}); Go then serves the path,
   * whatever host was named (RFC 7230 section 5.3), and etcd's proxy forwards it to its own
   * cluster.
   */
  public static String originForm(String uri) {
    int scheme = uri.indexOf("://");
    if (uri.startsWith("/") || scheme < 0) {
      return uri;
    }
    int path = uri.indexOf('/', scheme + 3);
    int query = uri.indexOf('?', scheme + 3);
    if (path < 0 || (query >= 0 && query < path)) {
      return "/" + (query < 0 ? "" : uri.substring(query));
    }
    return uri.substring(path);
  }

  /** ServeMux: true when the path is not clean and the 301 to the clean path has been sent. */
  public boolean redirected(ChannelHandlerContext ctx, FullHttpRequest request) {
    String clean = GoPath.serveMuxClean(path);
    if (clean == path) {
      return false;
    }
    String location = UrlEscaper.escapePath(clean) + (hasQuery ? "?" + rawQuery : "");
    HttpReplies.send(
        ctx,
        request.method().equals(HttpMethod.HEAD),
        HttpReplies.movedPermanently(request.method().name(), location));
    return true;
  }
}
