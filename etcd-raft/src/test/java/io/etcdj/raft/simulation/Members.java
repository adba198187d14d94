package io.etcdj.raft.simulation;

import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.Peer;
import io.etcdj.raft.RaftConfig;
import io.etcdj.raft.RawNode;
import io.etcdj.raft.StateType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every member the simulation ever had, up or down, and the ids removed from the cluster (a
 * removed member stops for good and its traffic is dropped, as etcd's server does, RFT-015).
 * Iteration is by ascending id, which keeps runs deterministic.
 *
 * <p>Not thread-safe: owned by the simulation's single thread.
 */
final class Members {
  private final SplittableRandom rnd;
  private final long seed;
  private final ClusterSimulation.Options options;
  private final TreeMap<Long, SimNode> nodes = new TreeMap<>();
  private final TreeSet<Long> removed = new TreeSet<>();
  private long nextId;

  Members(SplittableRandom rnd, long seed, ClusterSimulation.Options options) {
    this.rnd = rnd;
    this.seed = seed;
    this.options = options;
    List<Peer> peers = new ArrayList<>();
    for (long id = 1; id <= options.size(); id++) {
      peers.add(new Peer(id, ("member-" + id).getBytes(StandardCharsets.UTF_8)));
    }
    nextId = options.size() + 1;
    for (Peer p : peers) {
      SimNode n = newNode(p.id());
      n.node = RawNode.bootstrap(configFor(n.id, n.storage), peers);
      nodes.put(p.id(), n);
    }
  }

  private SimNode newNode(long id) {
    return new SimNode(id, configFor(id, new MemoryStorage()), 5 + rnd.nextInt(40), rnd.nextInt(6));
  }

  private RaftConfig configFor(long id, MemoryStorage storage) {
    // Small messages (0: one entry per append) and windows so that batching, flow control and
    // probing are exercised, and so that a follower may acknowledge part of a new term's log.
    return RaftConfig.defaults(id, storage)
        .withTicks(
            ClusterSimulation.Options.ELECTION_TICK, ClusterSimulation.Options.HEARTBEAT_TICK)
        .withFlowControl(rnd.nextBoolean() ? 0 : 64 + rnd.nextInt(512), 1 + rnd.nextInt(4))
        .withPreVote(options.preVote())
        .withCheckQuorum(options.checkQuorum())
        .withRandomSeed(seed * 1_000_003L + id);
  }

  SimNode get(long id) {
    return nodes.get(id);
  }

  Collection<Long> ids() {
    return nodes.keySet();
  }

  Collection<SimNode> all() {
    return new ArrayList<>(nodes.values());
  }

  boolean isRemoved(long id) {
    return removed.contains(id);
  }

  /** An id never used before, for a member to add. */
  long nextId() {
    return nextId++;
  }

  List<SimNode> running() {
    List<SimNode> list = new ArrayList<>();
    for (SimNode n : nodes.values()) {
      if (n.running()) {
        list.add(n);
      }
    }
    return list;
  }

  /** Members that are down but may come back. */
  List<SimNode> down() {
    List<SimNode> list = new ArrayList<>();
    for (SimNode n : nodes.values()) {
      if (!n.running() && !removed.contains(n.id)) {
        list.add(n);
      }
    }
    return list;
  }

  /** The running leader of the highest term, or null. */
  SimNode leader() {
    SimNode best = null;
    long bestTerm = -1;
    for (SimNode n : running()) {
      if (n.node.softState().raftState() == StateType.LEADER) {
        long term = n.node.status().term();
        if (term > bestTerm) {
          best = n;
          bestTerm = term;
        }
      }
    }
    return best;
  }

  /** Marks {@code id} removed and stops it; false if it already was. */
  boolean remove(long id) {
    if (!removed.add(id)) {
      return false;
    }
    SimNode victim = nodes.get(id);
    if (victim != null) {
      victim.crash();
    }
    return true;
  }

  /** Starts a new, empty member {@code id}; false if it exists or was removed. */
  boolean add(long id) {
    if (nodes.containsKey(id) || removed.contains(id)) {
      return false;
    }
    SimNode joined = newNode(id);
    joined.restart();
    nodes.put(id, joined);
    return true;
  }

  /** One line per member: its raft status and state machine, or "down". */
  String describe() {
    StringBuilder state = new StringBuilder();
    for (SimNode n : nodes.values()) {
      state.append("\n  ").append(n.id).append(n.running() ? " " + n.node.status().toJson()
          + " applied=" + n.appliedIndex + " conf=" + n.confState.getVotersList() : " down");
    }
    return state.toString();
  }

  long stateHash() {
    long h = 0;
    for (SimNode n : nodes.values()) {
      h = h * 31 + n.appliedHash;
    }
    return h;
  }
}
