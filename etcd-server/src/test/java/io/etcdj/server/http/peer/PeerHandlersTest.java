package io.etcdj.server.http.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.server.Member;
import io.etcdj.server.http.GoExpectAggregator;
import io.etcdj.server.transport.FollowerStats;
import io.etcdj.server.transport.RecordingRaft;
import io.etcdj.server.transport.StreamType;
import io.etcdj.server.transport.Transport;
import io.etcdj.server.transport.TransportConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The peer port's routes, admission checks, status codes and bodies through {@link EmbeddedChannel}
 * (SPEC PTR-001..005, PTR-007, PTR-012..014, CLU-033).
 */
class PeerHandlersTest {
  private static final long LOCAL = 0x1;
  private static final long PEER = 0x2;
  private static final long STRANGER = 0x9;
  private static final long REMOVED = 0x3;
  private static final String GOOD_HEADERS =
      "X-Server-From: 2\r\nX-Server-Version: 2.3.8\r\nX-Min-Cluster-Version: 2.2.0\r\n"
          + "X-Etcd-Cluster-ID: c1\r\n";

  // A long idle timeout keeps link heartbeats (every third of it) out of the exact byte checks.
  private final TransportConfig config =
      new TransportConfig(
          LOCAL,
          0xc1,
          List.of("http://127.0.0.1:1"),
          TransportConfig.SERVER_VERSION,
          TransportConfig.MIN_CLUSTER_VERSION,
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofMillis(100));
  private final RecordingRaft raft = new RecordingRaft();
  private NioEventLoopGroup group;
  private Transport transport;
  private PeerRouter router;

  @BeforeEach
  void setUp() throws Exception {
    group = new NioEventLoopGroup(1);
    transport = new Transport(config, raft, FollowerStats.NONE, group, Clock.systemUTC());
    transport.addPeer(PEER, List.of("http://127.0.0.1:" + closedPort()));
    raft.removed.add(REMOVED);
    PeerCluster cluster =
        new PeerCluster() {
          @Override
          public List<Member> members() {
            return List.of(
                new Member(0xfedcba9876543210L, "", List.of("http://b:2380"), List.of()),
                new Member(PEER, "two", List.of("http://a:2380"), List.of("http://a:2379")));
          }

          @Override
          public String clusterVersion() {
            return "2.3.0";
          }
        };
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.120Z"), ZoneOffset.UTC);
    router = PeerInitializer.router(config, cluster, raft, transport, clock);
  }

  @AfterEach
  void tearDown() {
    transport.close();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new HttpServerCodec(), new GoExpectAggregator(PeerInitializer.MAX_BODY), router);
  }

  private static String read(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      out.writeBytes(bytes);
      b.release();
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String exchange(String head, byte[] body) {
    if (!head.contains("\r\nHost:")) {
      head += "Host: 127.0.0.1:2380\r\n"; // as every Go client sends it
    }
    return exchangeRaw(head + "Content-Length: " + body.length + "\r\n\r\n", body);
  }

  private String exchangeRaw(String request, byte[] body) {
    EmbeddedChannel ch = channel();
    ByteBuf in = Unpooled.buffer().writeBytes(request.getBytes(StandardCharsets.ISO_8859_1));
    in.writeBytes(body);
    ch.writeInbound(in);
    return read(ch);
  }

  private String exchange(String head) {
    return exchange(head, new byte[0]);
  }

  private static Message vote(long from) {
    return Message.newBuilder()
        .setType(MessageType.MsgVote)
        .setFrom(from)
        .setTo(LOCAL)
        .setTerm(3)
        .build();
  }

  /**
   * Go's server refuses these before any of etcd's peer handlers; the bytes are etcd 3.4's peer
   * port's (recorded 2026-11-21): no Host on HTTP/1.1, two, a malformed one, an expectation. Header
   * names compare without case: Go's capitals are written by GoResponseHeaders, which this channel
   * leaves out.
   */
  @Test
  void requestsGoRefusesBeforeAnyHandler() {
    assertThat(exchangeRaw("GET /version HTTP/1.1\r\n\r\n", new byte[0]))
        .isEqualToIgnoringCase(
            "HTTP/1.1 400 Bad Request: missing required Host header\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + "400 Bad Request: missing required Host header");
    assertThat(exchangeRaw("GET /version HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", new byte[0]))
        .isEqualToIgnoringCase(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\n\r\n400 Bad Request");
    assertThat(exchangeRaw("GET /version HTTP/1.1\r\nHost: a b\r\n\r\n", new byte[0]))
        .isEqualToIgnoringCase(
            "HTTP/1.1 400 Bad Request: malformed Host header\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + "400 Bad Request: malformed Host header");
    assertThat(exchangeRaw("GET /version HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n", new byte[0]))
        .startsWith("HTTP/1.1 417 Expectation Failed\r\n")
        .containsIgnoringCase("Content-Length: 0\r\n")
        .containsIgnoringCase("Connection: close\r\n");
    assertThat(exchangeRaw("GET /version HTTP/1.0\r\n\r\n", new byte[0]))
        .as("HTTP/1.0 needs no Host (GoResponseHeaders, not here, writes the answer's version)")
        .contains(" 200 OK\r\n");
  }

  @Test
  void unknownPathsAndTheKeysApiAre404() {
    assertThat(exchange("GET /v2/keys/foo HTTP/1.1\r\n"))
        .startsWith("HTTP/1.1 404 Not Found")
        .endsWith("\r\n\r\n404 page not found\n");
    assertThat(exchange("GET /raft/other HTTP/1.1\r\n")).startsWith("HTTP/1.1 404 ");
    assertThat(exchange("GET /members/x HTTP/1.1\r\n")).startsWith("HTTP/1.1 404 ");
  }

  /** PTR-001: a pipeline POST is handed to raft and answered 204. */
  @Test
  void pipelinePostIsProcessed() {
    String r = exchange("POST /raft HTTP/1.1\r\n" + GOOD_HEADERS, vote(PEER).toByteArray());
    assertThat(r).startsWith("HTTP/1.1 204 No Content").contains("X-Etcd-Cluster-Id: c1");
    assertThat(raft.received).containsExactly(vote(PEER));
  }

  @Test
  void pipelineRefusesOtherMethods() {
    assertThat(exchange("GET /raft HTTP/1.1\r\n" + GOOD_HEADERS))
        .startsWith("HTTP/1.1 405 Method Not Allowed")
        .contains("Allow: POST")
        .endsWith("Method Not Allowed\n");
  }

  /** PTR-012: without version headers the sender counts as 2.0.0 and is refused. */
  @Test
  void pipelineWithoutVersionHeadersIsIncompatible() {
    String r = exchange("POST /raft HTTP/1.1\r\nX-Etcd-Cluster-ID: c1\r\n", vote(2).toByteArray());
    assertThat(r)
        .startsWith("HTTP/1.1 412 Precondition Failed")
        .endsWith("\r\n\r\nincompatible version\n");
    assertThat(raft.received).isEmpty();
  }

  /** GOT-013: a member of another cluster (another token, another cluster ID) is refused. */
  @Test
  void pipelineFromAnotherClusterIsRefused() {
    String r =
        exchange(
            "POST /raft HTTP/1.1\r\n" + GOOD_HEADERS.replace("c1", "c2"), vote(2).toByteArray());
    assertThat(r).startsWith("HTTP/1.1 412 ").endsWith("\r\n\r\ncluster ID mismatch\n");
    assertThat(raft.received).isEmpty();
  }

  @Test
  void pipelineWithBadProtobufIs400() {
    String r = exchange("POST /raft HTTP/1.1\r\n" + GOOD_HEADERS, new byte[] {(byte) 0xff, 0x1});
    assertThat(r)
        .startsWith("HTTP/1.1 400 ")
        .endsWith("\r\n\r\nerror unmarshalling raft message\n");
  }

  /** PTR-013, CLU-033: a removed member's message gets etcd's JSON 403. */
  @Test
  void pipelineFromRemovedMemberIs403() {
    String r = exchange("POST /raft HTTP/1.1\r\n" + GOOD_HEADERS, vote(REMOVED).toByteArray());
    assertThat(r)
        .startsWith("HTTP/1.1 403 Forbidden")
        .contains("Content-Type: application/json")
        .endsWith("\r\n\r\n{\"message\":\"cannot process message from removed member\"}");
    assertThat(raft.received).isEmpty();
  }

  private String stream(String path, String extraHeaders) {
    return exchange("GET " + path + " HTTP/1.1\r\n" + GOOD_HEADERS + extraHeaders);
  }

  /** PTR-014: each refusal in etcd's order, with its status and body. */
  @Test
  void streamRefusals() {
    assertThat(exchange("POST /raft/stream/message/2 HTTP/1.1\r\n" + GOOD_HEADERS))
        .startsWith("HTTP/1.1 405 ")
        .contains("Allow: GET");
    assertThat(exchange("GET /raft/stream/message/2 HTTP/1.1\r\nX-Raft-To: 1\r\n"))
        .startsWith("HTTP/1.1 412 ")
        .contains("X-Server-Version: 2.3.8")
        .endsWith("\r\n\r\nincompatible version\n");
    assertThat(stream("/raft/stream/bogus/2", "X-Raft-To: 1\r\n"))
        .startsWith("HTTP/1.1 404 ")
        .endsWith("\r\n\r\ninvalid path\n");
    assertThat(stream("/raft/stream/msgapp/xyz", "X-Raft-To: 1\r\n"))
        .startsWith("HTTP/1.1 404 ")
        .endsWith("\r\n\r\ninvalid from\n");
    assertThat(stream("/raft/stream/msgapp/3", "X-Raft-To: 1\r\n"))
        .startsWith("HTTP/1.1 410 Gone")
        .endsWith("\r\n\r\nremoved member\n");
    assertThat(stream("/raft/stream/message/" + Long.toHexString(STRANGER), "X-Raft-To: 1\r\n"))
        .startsWith("HTTP/1.1 404 ")
        .endsWith("\r\n\r\nerror sender not found\n");
    assertThat(stream("/raft/stream/message/2", "X-Raft-To: 5\r\n"))
        .startsWith("HTTP/1.1 412 ")
        .contains("X-Etcd-Cluster-Id: c1")
        .endsWith("\r\n\r\nto field mismatch\n");
  }

  /** PTR-020, PTR-022: an accepted stream stays open and carries our messages for the dialer. */
  @Test
  void acceptedStreamCarriesMessagesForTheDialer() {
    EmbeddedChannel ch = channel();
    String request =
        "GET /raft/stream/message/2 HTTP/1.1\r\nHost: 127.0.0.1:2380\r\n"
            + GOOD_HEADERS
            + "X-Raft-To: 1\r\n\r\n";
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    String head = read(ch);
    assertThat(head)
        .startsWith("HTTP/1.1 200 OK")
        .contains("transfer-encoding: chunked")
        .contains("X-Server-Version: 2.3.8");
    assertThat(transport.isStreamConnected(PEER, StreamType.MESSAGE)).isTrue();
    assertThat(ch.isOpen()).isTrue();

    Message m =
        Message.newBuilder()
            .setType(MessageType.MsgHeartbeat)
            .setFrom(LOCAL)
            .setTo(PEER)
            .setTerm(4)
            .build();
    transport.send(List.of(m));
    ch.runPendingTasks();
    byte[] body = m.toByteArray();
    ByteBuf frame = Unpooled.buffer().writeLong(body.length).writeBytes(body);
    String expectedChunk =
        Integer.toHexString(frame.readableBytes())
            + "\r\n"
            + frame.toString(StandardCharsets.ISO_8859_1)
            + "\r\n";
    assertThat(read(ch)).isEqualTo(expectedChunk);

    // A newer stream from the same peer replaces this one, which is closed.
    EmbeddedChannel newer = channel();
    newer.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    assertThat(read(newer)).startsWith("HTTP/1.1 200 OK");
    assertThat(ch.isOpen()).isFalse();
    assertThat(transport.isStreamConnected(PEER, StreamType.MESSAGE)).isTrue();

    newer.close();
    assertThat(transport.isStreamConnected(PEER, StreamType.MESSAGE)).isFalse();
  }

  /** PTR-004: sorted by unsigned ID, decimal IDs, empty name and client URLs left out. */
  @Test
  void membersListsTheClusterSortedById() {
    String r = exchange("GET /members HTTP/1.1\r\n");
    assertThat(r)
        .startsWith("HTTP/1.1 200 OK")
        .contains("Content-Type: application/json")
        .contains("X-Etcd-Cluster-Id: c1")
        .endsWith(
            "\r\n\r\n[{\"id\":2,\"peerURLs\":[\"http://a:2380\"],\"name\":\"two\","
                + "\"clientURLs\":[\"http://a:2379\"]},"
                + "{\"id\":18364758544493064720,\"peerURLs\":[\"http://b:2380\"]}]\n");
    assertThat(exchange("POST /members HTTP/1.1\r\n"))
        .startsWith("HTTP/1.1 405 ")
        .contains("Allow: GET");
  }

  @Test
  void versionAndProbing() {
    assertThat(exchange("GET /version HTTP/1.1\r\n"))
        .startsWith("HTTP/1.1 200 OK")
        .endsWith("\r\n\r\n{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"2.3.0\"}");
    assertThat(exchange("PUT /version HTTP/1.1\r\n")).startsWith("HTTP/1.1 405 ");
    assertThat(exchange("POST /raft/probing HTTP/1.1\r\n"))
        .startsWith("HTTP/1.1 200 OK")
        .contains("text/plain; charset=utf-8")
        .endsWith("\r\n\r\n{\"OK\":true,\"Now\":\"2026-01-02T03:04:05.12Z\"}\n");
  }
}
