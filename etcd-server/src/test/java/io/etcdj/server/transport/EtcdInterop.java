package io.etcdj.server.transport;

import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.server.Member;
import io.etcdj.server.http.peer.PeerCluster;
import io.etcdj.server.http.peer.PeerInitializer;
import io.etcdj.server.http.peer.PeerServer;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A manual interoperability check against a real etcd member (not part of the suite): it plays a
 * second member of a two-member cluster whose other member is a real etcd, with a scripted raft
 * side that grants votes and acknowledges every append. If etcd accepts our stream frames, it
 * elects itself with our vote and commits writes with our acknowledgements.
 *
 * <p>Usage: start etcd with {@code --initial-cluster e0=<etcd peer url>,j1=<our peer url>}, then
 * run {@code EtcdInterop <etcd peer url> <our peer port> <server version> <min cluster version>
 * <seconds>}; write through etcd's client port meanwhile. Prints the message types received.
 *
 * <p>Thread-safety: a program; the scripted raft side answers on one executor thread.
 */
public final class EtcdInterop {
  private EtcdInterop() {}

  public static void main(String[] args) throws Exception {
    String etcdPeer = args[0];
    int ourPort = Integer.parseInt(args[1]);
    String ourUrl = "http://127.0.0.1:" + ourPort;
    HttpResponse<String> members =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(etcdPeer + "/members")).build(),
                HttpResponse.BodyHandlers.ofString());
    long clusterId =
        Long.parseUnsignedLong(members.headers().firstValue("X-Etcd-Cluster-Id").orElseThrow(), 16);
    long localId = 0;
    long etcdId = 0;
    Matcher m =
        Pattern.compile("\"id\":(\\d+),\"peerURLs\":\\[\"([^\"]+)\"").matcher(members.body());
    while (m.find()) {
      long id = Long.parseUnsignedLong(m.group(1));
      if (m.group(2).equals(ourUrl)) {
        localId = id;
      } else {
        etcdId = id;
      }
    }
    System.out.printf("cluster %x, we are %x, etcd is %x%n", clusterId, localId, etcdId);
    TransportConfig config =
        new TransportConfig(
            localId,
            clusterId,
            List.of(ourUrl),
            args[2],
            args[3],
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofMillis(100));
    boolean leader = args.length > 5 && args[5].equals("leader");
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    ExecutorService raftThread = Executors.newSingleThreadExecutor();
    Transport[] transport = new Transport[1];
    final long local = localId;
    RaftHandler scripted =
        new RaftHandler() {
          @Override
          public void process(Message in) {
            String key = in.getType() + (in.getEntriesCount() > 0 ? "+entries" : "");
            if (in.getType() == MessageType.MsgAppResp || in.getType() == MessageType.MsgVoteResp) {
              key += "(index=" + in.getIndex() + ",reject=" + in.getReject() + ")";
            }
            seen.merge(key, 1, Integer::sum);
            if (!leader) {
              raftThread.execute(() -> transport[0].send(answer(in, local)));
            }
          }

          @Override
          public boolean isIdRemoved(long id) {
            return false;
          }

          @Override
          public void reportUnreachable(long id) {
            seen.merge("unreachable", 1, Integer::sum);
          }

          @Override
          public void reportSnapshot(long id, SnapshotStatus status) {}

          @Override
          public void reportRemoved(long byPeer) {
            seen.merge("removed", 1, Integer::sum);
          }
        };
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    transport[0] = new Transport(config, scripted, FollowerStats.NONE, group, Clock.systemUTC());
    PeerCluster cluster =
        new PeerCluster() {
          @Override
          public List<Member> members() {
            return List.of();
          }

          @Override
          public String clusterVersion() {
            return "3.4.0";
          }
        };
    PeerServer server =
        new PeerServer(
            group,
            group,
            new PeerInitializer(config, cluster, scripted, transport[0], Clock.systemUTC()));
    server.listen("127.0.0.1", ourPort);
    transport[0].addPeer(etcdId, List.of(etcdPeer));
    long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
    if (leader) {
      lead(transport[0], local, etcdId);
    }
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      System.out.println(
          "streams msgapp="
              + transport[0].isStreamConnected(etcdId, StreamType.MSGAPP_V2)
              + " message="
              + transport[0].isStreamConnected(etcdId, StreamType.MESSAGE)
              + " received "
              + new TreeMap<>(seen));
    }
    transport[0].close();
    server.close();
    group.shutdownGracefully();
    raftThread.shutdown();
  }

  /**
   * Plays a leader at term 100 over etcd's fresh log (term 1, index 2): asks for its vote, then
   * appends two empty entries, the second continuing the first so that it travels in the compact
   * msgappv2 form, then keeps it a follower with heartbeats.
   */
  static void lead(Transport t, long local, long etcd) throws InterruptedException {
    while (!t.isStreamConnected(etcd, StreamType.MSGAPP_V2)
        || !t.isStreamConnected(etcd, StreamType.MESSAGE)) {
      Thread.sleep(50);
    }
    long term = 100;
    Message.Builder base = Message.newBuilder().setFrom(local).setTo(etcd).setTerm(term);
    t.send(List.of(base.clone().setType(MessageType.MsgVote).setLogTerm(1).setIndex(2).build()));
    Thread.sleep(300);
    t.send(
        List.of(
            base.clone()
                .setType(MessageType.MsgApp)
                .setLogTerm(1)
                .setIndex(2)
                .setCommit(2)
                .addEntries(io.etcdj.raft.raftpb.Entry.newBuilder().setTerm(term).setIndex(3))
                .build(),
            base.clone()
                .setType(MessageType.MsgApp)
                .setLogTerm(term)
                .setIndex(3)
                .setCommit(4)
                .addEntries(io.etcdj.raft.raftpb.Entry.newBuilder().setTerm(term).setIndex(4))
                .build()));
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      t.send(List.of(base.clone().setType(MessageType.MsgHeartbeat).setCommit(4).build()));
    }
  }

  /** The follower's scripted answer: grant every vote, acknowledge every append and heartbeat. */
  static List<Message> answer(Message in, long local) {
    Message.Builder out =
        Message.newBuilder().setFrom(local).setTo(in.getFrom()).setTerm(in.getTerm());
    switch (in.getType()) {
      case MsgVote -> out.setType(MessageType.MsgVoteResp);
      case MsgPreVote -> out.setType(MessageType.MsgPreVoteResp);
      case MsgApp -> out.setType(MessageType.MsgAppResp).setIndex(MsgAppV2Encoder.lastIndex(in));
      case MsgHeartbeat -> out.setType(MessageType.MsgHeartbeatResp).setContext(in.getContext());
      default -> {
        return List.of();
      }
    }
    return List.of(out.build());
  }
}
