package io.etcdj.server.http;

import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The HTTP/1.1 codec for every port a member or proxy serves, with Go's server's limits instead
 * of Netty's: Go reads a request line and headers of up to {@code http.DefaultMaxHeaderBytes}
 * (1 MiB) plus 4 KiB of slack, so a key path of 10,000 characters or a 20 KB header, which etcd
 * serves, must not be a 400 here (Netty's defaults are 4 KiB and 8 KiB; found by
 * scripts/difffuzz.py --raw). Netty grows its buffers as a line arrives; the limit reserves
 * nothing.
 */
public final class GoServerCodec {
  /** Go's {@code DefaultMaxHeaderBytes} and the 4096 bytes its server adds to it. */
  public static final int MAX_HEADER_BYTES = (1 << 20) + 4096;

  private GoServerCodec() {}

  public static HttpServerCodec create() {
    return new HttpServerCodec(MAX_HEADER_BYTES, MAX_HEADER_BYTES, 16384);
  }
}
