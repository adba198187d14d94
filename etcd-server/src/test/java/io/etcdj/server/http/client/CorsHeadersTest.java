package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdServer;
import io.etcdj.server.SystemClock;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CORS as etcd 2.3 does it (SPEC OTH-004, KEY-003). */
class CorsHeadersTest {
  @TempDir Path dataDir;

  private EtcdServer server;
  private EmbeddedChannel channel;

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
    server.close();
  }

  @Test
  void allowedOriginGetsTheThreeHeaders() throws Exception {
    start("--cors", "http://a.example,http://b.example");
    FullHttpResponse r = call(get("/version", "http://b.example"));
    assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("http://b.example");
    assertThat(r.headers().get("Access-Control-Allow-Methods"))
        .isEqualTo("POST, GET, OPTIONS, PUT, DELETE");
    assertThat(r.headers().get("Access-Control-Allow-Headers"))
        .isEqualTo("accept, content-type, authorization");
    r.release();
    FullHttpResponse other = call(get("/version", "http://evil.example"));
    assertThat(other.headers().contains("Access-Control-Allow-Origin")).isFalse();
    other.release();
  }

  /** Go sends a handler's headers sorted by name: the three CORS ones first (etcd 3.4 seen). */
  @Test
  void starAllowsEveryone() throws Exception {
    start("--cors", "*");
    FullHttpResponse r = call(get("/v2/keys/", null));
    assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.headers().names().stream().toList().subList(0, 5))
        .containsExactly(
            "Access-Control-Allow-Headers",
            "Access-Control-Allow-Methods",
            "Access-Control-Allow-Origin",
            "Content-Type",
            "X-Etcd-Cluster-Id");
    r.release();
  }

  /** 2.3 default: no --cors, no headers; OPTIONS is still an empty 200. */
  @Test
  void withoutCorsNoHeadersButOptionsIsOk() throws Exception {
    start();
    FullHttpRequest options =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "/v2/keys/x");
    FullHttpResponse r = call(options);
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.content().readableBytes()).isZero();
    assertThat(r.headers().contains("Access-Control-Allow-Origin")).isFalse();
    r.release();
  }

  /**
   * Go's server rejects a request URI it cannot decode before any handler, the CORS layer's
   * included: an OPTIONS for {@code /v2/keys/%zz} is a 400, as any other method's (found by
   * scripts/difffuzz.py against etcd 3.4).
   */
  @Test
  void optionsWithAnUndecodablePathIsABadRequest() throws Exception {
    start();
    FullHttpResponse r =
        call(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "/v2/keys/%zz"));
    assertThat(r.status().code()).isEqualTo(400);
    assertThat(r.content().toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("400 Bad Request");
    r.release();
  }

  private void start(String... given) throws Exception {
    String[] flags = new String[given.length + 4];
    flags[0] = "--data-dir";
    flags[1] = dataDir.toString();
    flags[2] = "--listen-peer-urls"; // the peer port is always bound: a free one
    flags[3] = "http://127.0.0.1:0";
    System.arraycopy(given, 0, flags, 4, given.length);
    server = new EtcdServer(EtcdFlags.parse(flags, Map.of(), l -> {}).toConfig(), SystemClock.INSTANCE);
    server.bootstrap();
    server.publish(List.of("http://127.0.0.1:1"));
    channel =
        new EmbeddedChannel(
            new CorsHeaders(server.config().corsOrigins()),
            new ClientRouter(ClientInitializer.routes(server)));
  }

  private FullHttpResponse call(FullHttpRequest request) {
    request.headers().set("Host", "127.0.0.1"); // as every HTTP/1.1 client sends
    channel.writeInbound(request);
    channel.runPendingTasks();
    return channel.readOutbound();
  }

  private static FullHttpRequest get(String uri, String origin) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    if (origin != null) {
      r.headers().set("Origin", origin);
    }
    return r;
  }
}
