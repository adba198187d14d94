package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdServer;
import io.etcdj.server.Request;
import io.etcdj.server.SystemClock;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A single member behind the client port's router on an {@link EmbeddedChannel} (STYLE 13): tests
 * send requests and read answers without sockets, one request at a time.
 */
final class ClientHarness implements AutoCloseable {
  final EtcdServer server;
  final EmbeddedChannel channel;

  /** A member in {@code dataDir}, elected and published, serving every client route. */
  ClientHarness(Path dataDir) throws Exception {
    this(dataDir, true);
  }

  /**
   * @param publish whether to publish the member, which also has the leader set the cluster
   *     version; without, the member serves as it does in the moment after its start
   */
  ClientHarness(Path dataDir, boolean publish) throws Exception {
    server =
        new EtcdServer(
            // No tick rounds on the raft thread while a test runs (see barrier()).
            EtcdFlags.parse(
                    new String[] {
                      "--name", "t", "--data-dir", dataDir.toString(),
                      "--listen-peer-urls", "http://127.0.0.1:0", "--heartbeat-interval", "10000",
                      "--election-timeout", "50000"
                    },
                    Map.of(),
                    l -> {})
                .toConfig(),
            SystemClock.INSTANCE);
    server.bootstrap();
    if (publish) {
      server.publish(List.of("http://127.0.0.1:1"));
    }
    channel =
        new EmbeddedChannel(
            new FormLimitAggregator(server.clusterIdHex()),
            new ClientRouter(ClientInitializer.routes(server)));
  }

  /** Sends one request and returns its whole answer, a chunked one joined into one. */
  FullHttpResponse call(FullHttpRequest request) {
    // fireChannelRead, unlike writeInbound, does not run the queued tasks: the test thread leaves
    // the queue alone until the barrier has passed.
    channel.pipeline().fireChannelRead(request);
    barrier();
    Object out = poll();
    if (out instanceof FullHttpResponse full) {
      return full;
    }
    assertThat(out).isInstanceOf(HttpResponse.class);
    HttpResponse start = (HttpResponse) out;
    CompositeByteBuf body = Unpooled.compositeBuffer();
    Object chunk;
    do {
      chunk = poll();
      assertThat(chunk).isInstanceOf(HttpContent.class);
      body.addComponent(true, ((HttpContent) chunk).content());
    } while (!(chunk instanceof LastHttpContent));
    return new DefaultFullHttpResponse(
        start.protocolVersion(), start.status(), body, start.headers(), EmptyHttpHeaders.INSTANCE);
  }

  /**
   * A quorum read queued behind the request's proposal is a barrier: when it completes, every
   * earlier proposal has handed over its answer. A lone write's raft round runs on the event loop
   * that read it (RaftLoop#propose), here the channel's, so this thread runs the channel's tasks
   * until then. The EmbeddedChannel's task queue is not thread-safe: that is safe because no other
   * round runs meanwhile (this member ticks every 10 s); a round on the raft thread would hand its
   * answers over from there.
   */
  void barrier() {
    CompletableFuture<?> done = server.propose(Request.quorumGet("/"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!done.isDone()) {
      channel.runPendingTasks();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the barrier was not applied within 5 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    done.join();
  }

  /** Waits (bounded) for the next outbound message. */
  Object poll() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      channel.runPendingTasks();
      Object out = channel.readOutbound();
      if (out != null) {
        return out;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new AssertionError("no response within 5 s");
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
    server.close();
  }

  /** The body as text; releases the response. */
  static String body(FullHttpResponse r) {
    String s = r.content().toString(StandardCharsets.UTF_8);
    r.release();
    return s;
  }

  /** Every HTTP/1.1 client names the host (Go's server refuses a request without). */
  static FullHttpRequest request(String method, String uri) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
    r.headers().set("Host", "127.0.0.1");
    return r;
  }

  static FullHttpRequest form(String method, String uri, String body) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(method),
            uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Host", "127.0.0.1");
    r.headers().set("Content-Type", "application/x-www-form-urlencoded");
    r.headers().set("Content-Length", r.content().readableBytes());
    return r;
  }
}
