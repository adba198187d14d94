package io.etcdj.server;

import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RawNode;
import io.etcdj.raft.raftpb.ConfState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this member's raft node starts from its data dir, with etcd's start-up lines (FLG-063,
 * FLG-064): a new member of a new cluster bootstraps from {@code --initial-cluster} (CLU-015); a
 * new member joining a running cluster starts empty and is sent the log (CLU-016); a member with a
 * WAL restarts from its newest snapshot and the entries after it (PER-041).
 *
 * @param node the raft node to drive
 * @param confState the configuration before the first entry to apply
 * @param snapIndex the index of the recovered snapshot, 0 without one
 * @param snapTerm the term of the recovered snapshot, 0 without one
 */
record RaftStart(RawNode node, ConfState confState, long snapIndex, long snapTerm) {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  static RaftStart from(ServerConfig config, DataDir dir, RaftConfig raftConfig, boolean joining) {
    String id = Long.toHexString(dir.memberId());
    String cluster = Long.toHexString(dir.clusterId());
    if (dir.fresh()) {
      LOG.info("initial advertise peer URLs = {}", joinUrls(config.advertisePeerUrls()));
      LOG.info("initial cluster = {}", initialClusterString(config));
      LOG.info("starting member {} in cluster {}", id, cluster);
      if (joining) {
        // CLU-016: no bootstrap entries; the leader sends the log (or a snapshot), conf changes
        // included.
        return new RaftStart(new RawNode(raftConfig), dir.confState(), 0, 0);
      }
      List<Peer> peers = bootstrapPeers(config);
      ConfState.Builder cs = ConfState.newBuilder();
      peers.forEach(p -> cs.addVoters(p.id()));
      return new RaftStart(RawNode.bootstrap(raftConfig, peers), cs.build(), 0, 0);
    }
    long snapIndex = 0;
    long snapTerm = 0;
    if (dir.snapshot() != null) {
      snapIndex = dir.snapshot().getMetadata().getIndex();
      snapTerm = dir.snapshot().getMetadata().getTerm();
      LOG.info("recovered store from snapshot at index {}", snapIndex);
    }
    LOG.info(
        "restarting member {} in cluster {} at commit index {}",
        id,
        cluster,
        dir.storage().initialState().hardState().getCommit());
    return new RaftStart(
        new RawNode(raftConfig.withApplied(snapIndex)), dir.confState(), snapIndex, snapTerm);
  }

  /**
   * etcd's start-up lines for the member's settings (FLG-063), printed before the data dir is
   * opened.
   */
  static void logSettings(ServerConfig config) {
    LOG.info("name = {}", config.name());
    LOG.info("data dir = {}", config.dataDir());
    LOG.info("member dir = {}/member", config.dataDir());
    if (!config.walDir().isEmpty()) {
      LOG.info("dedicated WAL dir = {}", config.walDir());
    }
    LOG.info("heartbeat = {}ms", config.heartbeatMs());
    LOG.info("election = {}ms", config.electionMs());
    LOG.info("snapshot count = {}", config.snapshotCount());
    LOG.info("advertise client URLs = {}", joinUrls(config.advertiseClientUrls()));
  }

  /** The members {@code --initial-cluster} names, their IDs hashed with the cluster token. */
  static List<Member> initialMembers(ServerConfig config) {
    List<Member> members = new ArrayList<>();
    config
        .initialCluster()
        .forEach(
            (name, urls) ->
                members.add(
                    new Member(
                        ClusterIds.memberId(urls, config.clusterToken()), name, urls, List.of())));
    return members;
  }

  /** CLU-015: one member per entry, sorted by ID, each with its member JSON as context. */
  private static List<Peer> bootstrapPeers(ServerConfig config) {
    List<Peer> peers = new ArrayList<>();
    for (Member m : initialMembers(config)) {
      String context = MembershipApplier.memberContext(m.id(), m.peerUrls(), m.name());
      peers.add(new Peer(m.id(), context.getBytes(StandardCharsets.UTF_8)));
    }
    peers.sort(Comparator.comparing(Peer::id, Long::compareUnsigned));
    return peers;
  }

  private static String initialClusterString(ServerConfig config) {
    List<String> parts = new ArrayList<>();
    config.initialCluster().forEach((n, urls) -> urls.forEach(u -> parts.add(n + "=" + u)));
    return String.join(",", parts);
  }

  static String joinUrls(List<URI> urls) {
    List<String> s = new ArrayList<>();
    urls.forEach(u -> s.add(u.toString()));
    return String.join(",", s);
  }
}
