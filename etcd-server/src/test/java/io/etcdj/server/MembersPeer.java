package io.etcdj.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a running member's peer port that answers only {@code GET /members}, with a
 * fixed member list and cluster ID, for the start-up checks that ask the other members (CLU-014,
 * CLU-016) without starting a cluster.
 *
 * <p>Thread-safety: the JDK server answers on its own thread; the answer never changes.
 */
final class MembersPeer implements AutoCloseable {
  private final HttpServer server;

  private MembersPeer(HttpServer server) {
    this.server = server;
  }

  /** Answers {@code GET /members} with {@code membersJson} and {@code X-Etcd-Cluster-ID}. */
  static MembersPeer start(String clusterIdHex, String membersJson) throws IOException {
    return start(clusterIdHex, membersJson, () -> {});
  }

  /** The same, running {@code onAsk} first each time it is asked (before it answers). */
  static MembersPeer start(String clusterIdHex, String membersJson, Runnable onAsk)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/members",
        exchange -> {
          onAsk.run();
          byte[] body = membersJson.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("X-Etcd-Cluster-ID", clusterIdHex);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new MembersPeer(server);
  }

  /** {@code http://127.0.0.1:<port>} */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
