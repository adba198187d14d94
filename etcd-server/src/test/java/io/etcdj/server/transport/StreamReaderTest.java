package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dialing side against a scripted peer that answers every stream GET with a fixed response
 * (SPEC PTR-014, PTR-015, PTR-020, PTR-022).
 */
class StreamReaderTest {
  private final RecordingRaft raft = new RecordingRaft();
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Transport transport =
      new Transport(
          TransportConfig.of(1, 0xc1, List.of(), Duration.ofSeconds(1)),
          raft,
          FollowerStats.NONE,
          group,
          Clock.systemUTC());
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private ServerSocket peer;
  private Thread acceptor;

  @AfterEach
  void tearDown() throws Exception {
    transport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (peer != null) {
      peer.close();
      acceptor.join(5_000);
    }
  }

  /** Answers every connection with {@code response}, then closes it. */
  private void scriptedPeer(byte[] response) throws Exception {
    peer = new ServerSocket(0);
    peer.setSoTimeout(200);
    acceptor =
        new Thread(
            () -> {
              while (!peer.isClosed()) {
                try (Socket s = peer.accept()) {
                  s.setSoTimeout(2_000);
                  requests.add(readHead(s.getInputStream()));
                  OutputStream out = s.getOutputStream();
                  out.write(response);
                  out.flush();
                } catch (SocketTimeoutException e) {
                  // Poll again so that closing the socket ends the loop.
                } catch (Exception e) {
                  return;
                }
              }
            });
    acceptor.start();
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n") && head.length() < 16_384) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * PTR-011: the dial carries our headers; PTR-022: a corrupt frame drops the stream, and we
   * redial.
   */
  @Test
  void corruptStreamIsDroppedAndRedialed() throws Exception {
    scriptedPeer(
        bytes(
            "HTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "9\r\n"
                + "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u0000\r\n"));
    transport.addPeer(2, List.of("http://127.0.0.1:" + peer.getLocalPort()));
    Poll.until(() -> requests.size() >= 4, "several dials");
    assertThat(requests)
        .anySatisfy(r -> assertThat(r).startsWith("GET /raft/stream/message/1 HTTP/1.1\r\n"))
        .anySatisfy(r -> assertThat(r).startsWith("GET /raft/stream/msgapp/1 HTTP/1.1\r\n"));
    assertThat(requests.stream().filter(r -> r.startsWith("GET /raft/stream/")).findFirst().get())
        .contains("X-Server-From: 1\r\n")
        .contains("X-Server-Version: 2.3.8\r\n")
        .contains("X-Min-Cluster-Version: 2.2.0\r\n")
        .contains("X-Etcd-Cluster-Id: c1\r\n")
        .contains("X-Raft-To: 2\r\n")
        .contains("Host: 127.0.0.1:" + peer.getLocalPort() + "\r\n");
    assertThat(raft.received).isEmpty();
    assertThat(transport.isActive(2)).isFalse();
  }

  /** PTR-015, CLU-033: 410 means this member was removed; it stops dialing and is told. */
  @Test
  void goneMeansRemoved() throws Exception {
    scriptedPeer(
        bytes(
            "HTTP/1.1 410 Gone\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 15\r\n\r\nremoved member\n"));
    transport.addPeer(2, List.of("http://127.0.0.1:" + peer.getLocalPort()));
    Poll.until(() -> raft.removedBy.size() == 2, "both streams told");
    assertThat(raft.removedBy).containsOnly(2L);
    assertThat(requests).filteredOn(r -> r.startsWith("GET /raft/stream/")).hasSize(2);
  }
}
