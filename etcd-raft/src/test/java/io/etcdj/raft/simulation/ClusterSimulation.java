package io.etcdj.raft.simulation;

import com.google.protobuf.ByteString;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.Snapshots;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic simulation of a raft cluster: members over a network that drops, duplicates,
 * delays and reorders messages and can be partitioned; members crash and restart from their
 * persisted state, compact their logs, and change membership. After every step the Raft safety
 * properties are checked ({@link Invariants}); at the end the network heals and a leader must
 * be elected and commit a new proposal within a bounded number of ticks.
 *
 * <p>Everything random comes from one generator seeded with {@code seed}, and every collection
 * iterated is ordered, so a seed replays exactly. A failure names the seed and the step.
 *
 * <p>Not thread-safe: one simulation runs on one thread.
 */
final class ClusterSimulation implements SimNode.Effects {
  /** What kind of cluster to simulate and for how long. */
  record Options(int size, boolean preVote, boolean checkQuorum, int steps) {
    static final int ELECTION_TICK = 10;
    static final int HEARTBEAT_TICK = 2;
  }

  /** What a finished run looked like; two runs of one seed must be equal. */
  record Outcome(
      int steps, long committed, int terms, long delivered, int snapshotsRestored,
      int membershipChanges, long stateHash) {}

  private final long seed;
  private final Options options;
  private final SplittableRandom rnd;
  private final Members members;
  private final SimNetwork network;
  private final Invariants invariants = new Invariants();
  private final ArrayDeque<String> trace = new ArrayDeque<>();
  private final double dropRate;
  private final double duplicateRate;
  private int step;
  private long proposals;
  private long delivered;
  private int snapshotsRestored;
  private int membershipChanges;
  private String marker;
  private boolean markerCommitted;

  ClusterSimulation(long seed, Options options) {
    this.seed = seed;
    this.options = options;
    this.rnd = new SplittableRandom(seed);
    double[] drops = {0, 0.02, 0.1, 0.25};
    double[] dups = {0, 0.02, 0.1};
    this.dropRate = drops[rnd.nextInt(drops.length)];
    this.duplicateRate = dups[rnd.nextInt(dups.length)];
    this.network = new SimNetwork(rnd, dropRate, duplicateRate);
    this.members = new Members(rnd, seed, options);
  }

  /** Runs the whole simulation; throws an AssertionError naming seed and step on failure. */
  Outcome run() {
    try {
      processAll();
      for (step = 1; step <= options.steps(); step++) {
        act();
        processAll();
      }
      step = -1;
      checkLiveness();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "raft simulation failed: seed=" + seed + " step=" + (step < 0 ? "liveness" : step)
              + " " + options + " drop=" + dropRate + " dup=" + duplicateRate + ": "
              + e.getMessage() + "\nlast actions:\n  " + String.join("\n  ", trace),
          e);
    }
    return new Outcome(
        options.steps(), invariants.maxCommitted(), invariants.termsWithLeader(), delivered,
        snapshotsRestored, membershipChanges, members.stateHash());
  }

  private void note(String action) {
    if (trace.size() == 25) {
      trace.removeFirst();
    }
    trace.addLast(step + ": " + action);
  }

  private void act() {
    int r = rnd.nextInt(1000);
    if (r < 150) {
      tickAll();
    } else if (r < 500) {
      deliverOne();
    } else if (r < 650) {
      // A burst: the network catches up with part of its backlog.
      int n = 1 + rnd.nextInt(4 * members.ids().size());
      for (int i = 0; i < n && !network.isEmpty(); i++) {
        deliverOne();
        processAll();
      }
    } else if (r < 830) {
      proposeAtRandom();
    } else if (r < 840) {
      partition();
    } else if (r < 865) {
      heal();
    } else if (r < 872) {
      crashRandom();
    } else if (r < 900) {
      restartRandom();
    } else if (r < 915) {
      changeMembership();
    } else if (r < 920) {
      transferLeadership();
    } else {
      tickAll();
    }
  }

  private void tickAll() {
    note("tick");
    for (SimNode n : members.running()) {
      n.node.tick();
    }
  }

  private void deliverOne() {
    Message m = network.take();
    if (m != null) {
      deliver(m);
    }
  }

  private void deliver(Message m) {
    SimNode from = members.get(m.getFrom());
    SimNode to = members.get(m.getTo());
    boolean reachable =
        to != null && to.running() && !members.isRemoved(m.getTo())
            && !members.isRemoved(m.getFrom());
    boolean dropped = !reachable || network.loses(m);
    if (dropped) {
      note("drop " + SimNetwork.describe(m));
      if (from != null && from.running()) {
        if (m.getType() == MessageType.MsgSnap) {
          from.node.reportSnapshot(m.getTo(), SnapshotStatus.FAILURE);
        } else if (!reachable && rnd.nextInt(4) == 0) {
          from.node.reportUnreachable(m.getTo());
        }
      }
      return;
    }
    note("deliver " + SimNetwork.describe(m));
    delivered++;
    to.node.step(m);
    if (m.getType() == MessageType.MsgSnap && from != null && from.running()) {
      from.node.reportSnapshot(m.getTo(), SnapshotStatus.FINISH);
    }
  }

  private void proposeAtRandom() {
    List<SimNode> up = members.running();
    if (up.isEmpty()) {
      return;
    }
    SimNode n = up.get(rnd.nextInt(up.size()));
    // Sometimes several entries in one proposal, as a server loop drains its request queue.
    int count = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(4) : 1;
    List<ByteString> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(ByteString.copyFromUtf8("p" + (++proposals) + "@" + n.id));
    }
    note("propose " + count + " at " + n.id);
    try {
      n.node.propose(batch);
    } catch (ProposalDroppedException e) {
      note("  dropped: " + e.getMessage());
    }
  }

  private void partition() {
    note(network.partition(members.ids()));
  }

  private void heal() {
    note("heal");
    network.heal();
  }

  private void crashRandom() {
    List<SimNode> up = members.running();
    if (up.isEmpty()) {
      return;
    }
    SimNode n = up.get(rnd.nextInt(up.size()));
    note("crash " + n.id);
    n.crash();
  }

  private void restartRandom() {
    List<SimNode> down = members.down();
    if (down.isEmpty()) {
      return;
    }
    SimNode n = down.get(rnd.nextInt(down.size()));
    note("restart " + n.id);
    n.restart();
  }

  private void changeMembership() {
    SimNode leader = members.leader();
    if (leader == null) {
      return;
    }
    List<Long> voters = leader.confState.getVotersList();
    ConfChange.Builder cc = ConfChange.newBuilder().setID(rnd.nextLong());
    if (voters.size() >= options.size()) {
      long victim = voters.get(rnd.nextInt(voters.size()));
      cc.setType(ConfChangeType.ConfChangeRemoveNode).setNodeID(victim);
    } else {
      cc.setType(ConfChangeType.ConfChangeAddNode).setNodeID(members.nextId());
    }
    note("propose " + cc.getType() + " " + cc.getNodeID() + " at " + leader.id);
    try {
      leader.node.proposeConfChange(cc.build());
    } catch (ProposalDroppedException e) {
      note("  dropped: " + e.getMessage());
    }
  }

  private void transferLeadership() {
    SimNode leader = members.leader();
    if (leader == null) {
      return;
    }
    List<Long> voters = leader.confState.getVotersList();
    long to = voters.get(rnd.nextInt(voters.size()));
    note("transfer leadership " + leader.id + " -> " + to);
    leader.node.transferLeadership(to);
  }

  /** Handles every member's Ready and checks the invariants that concern leaders. */
  private void processAll() {
    for (int round = 0; round < 10; round++) {
      boolean any = false;
      for (SimNode n : members.all()) {
        if (n.running() && n.node.hasReady()) {
          any = true;
          n.processReady(this);
        }
      }
      if (!any) {
        break;
      }
    }
    for (SimNode n : members.running()) {
      invariants.leaderSeen(n);
    }
  }

  // ---- SimNode.Effects ----

  @Override
  public void persisted(SimNode node, List<Entry> entries, long prevTerm) {
    invariants.persisted(node, entries, prevTerm);
  }

  @Override
  public void send(Message m) {
    network.send(m);
  }

  @Override
  public void applied(SimNode node, Entry e, long hashAfter) {
    invariants.applied(node, e, hashAfter);
    if (marker != null && e.getData().equals(ByteString.copyFromUtf8(marker))) {
      SimNode leader = members.leader();
      if (leader == node) {
        markerCommitted = true;
      }
    }
  }

  @Override
  public void snapshotRestored(SimNode node, Snapshot snap) {
    note("node " + node.id + " restored snapshot " + Snapshots.index(snap));
    invariants.snapshotRestored(node, Snapshots.index(snap), node.appliedHash);
    snapshotsRestored++;
  }

  @Override
  public void confChangeApplied(SimNode node, ConfChange cc) {
    long target = cc.getNodeID();
    if (cc.getType() == ConfChangeType.ConfChangeRemoveNode && members.remove(target)) {
      // Like etcd's server: a removed member stops, and peers drop its traffic (RFT-015).
      note("member " + target + " removed (applied by " + node.id + ")");
      membershipChanges++;
    } else if (cc.getType() == ConfChangeType.ConfChangeAddNode && members.add(target)) {
      note("member " + target + " added (applied by " + node.id + ")");
      membershipChanges++;
    }
  }

  // ---- liveness ----

  /**
   * After the network heals and every member is back, a leader must be elected and commit a
   * new proposal within a bounded number of ticks.
   */
  private void checkLiveness() {
    heal();
    network.calm();
    for (SimNode n : members.down()) {
      n.restart();
    }
    processAll();
    marker = "liveness-" + seed;
    int budget = 60 * Options.ELECTION_TICK;
    int proposedAt = -1000;
    for (int tick = 0; tick < budget; tick++) {
      tickAll();
      processAll();
      for (int round = 0; round < 50 && !network.isEmpty(); round++) {
        for (Message m : network.takeAll()) {
          deliver(m);
        }
        processAll();
      }
      if (markerCommitted) {
        return;
      }
      SimNode leader = members.leader();
      if (leader != null && tick - proposedAt > 3 * Options.ELECTION_TICK) {
        proposedAt = tick;
        note("liveness proposal at " + leader.id);
        try {
          leader.node.propose(marker.getBytes(StandardCharsets.UTF_8));
        } catch (ProposalDroppedException e) {
          note("  dropped: " + e.getMessage());
        }
        processAll();
      }
    }
    throw new AssertionError(
        "no proposal committed within " + budget + " ticks after healing" + members.describe());
  }
}
