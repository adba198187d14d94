package io.etcdj.raft;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A test network of {@link RawNode}s that delivers messages synchronously in FIFO order until
 * the cluster is quiet, processing every Ready as a server would (persist, send, apply,
 * advance). Faults: {@link #drop}, {@link #cut}, {@link #isolate}, {@link #ignore}, undone by
 * {@link #recover}. It never sleeps; time passes only through {@link #tick}.
 *
 * <p>Not thread-safe: owned by one test.
 */
final class SimulatedNetwork {
  private final TreeMap<Long, RawNode> nodes = new TreeMap<>();
  private final Map<Long, MemoryStorage> storages = new HashMap<>();
  private final Map<Long, List<Entry>> applied = new HashMap<>();
  private final Map<List<Long>, Double> dropRates = new HashMap<>();
  private final Set<MessageType> ignored = new HashSet<>();
  private final SplittableRandom random = new SplittableRandom(7);
  private final List<Message> delivered = new ArrayList<>();

  /** A bootstrapped cluster of {@code ids}, each config adjusted by {@code customize}. */
  static SimulatedNetwork bootstrap(UnaryOperator<RaftConfig> customize, long... ids) {
    SimulatedNetwork net = new SimulatedNetwork();
    List<Peer> peers = new ArrayList<>();
    for (long id : ids) {
      peers.add(new Peer(id, null));
    }
    for (long id : ids) {
      MemoryStorage storage = new MemoryStorage();
      RaftConfig config = customize.apply(RaftConfig.defaults(id, storage).withRandomSeed(id));
      net.add(id, RawNode.bootstrap(config, peers), storage);
    }
    net.flush();
    return net;
  }

  static SimulatedNetwork bootstrap(long... ids) {
    return bootstrap(c -> c, ids);
  }

  void add(long id, RawNode node, MemoryStorage storage) {
    nodes.put(id, node);
    storages.put(id, storage);
    applied.put(id, new ArrayList<>());
  }

  RawNode node(long id) {
    return nodes.get(id);
  }

  Raft raft(long id) {
    return nodes.get(id).raft();
  }

  MemoryStorage storage(long id) {
    return storages.get(id);
  }

  /** The normal entries with data that member {@code id} applied, in order. */
  List<String> appliedData(long id) {
    List<String> out = new ArrayList<>();
    for (Entry e : applied.get(id)) {
      if (e.getType() == EntryType.EntryNormal && !e.getData().isEmpty()) {
        out.add(e.getData().toStringUtf8());
      }
    }
    return out;
  }

  /** Every message delivered so far (after the fault filters). */
  List<Message> delivered() {
    return delivered;
  }

  void campaign(long id) {
    nodes.get(id).campaign();
    flush();
  }

  void propose(long id, String data) {
    nodes.get(id).propose(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    flush();
  }

  void tick(long id, int times) {
    for (int i = 0; i < times; i++) {
      nodes.get(id).tick();
      flush();
    }
  }

  void tickAll(int times) {
    for (int i = 0; i < times; i++) {
      for (RawNode n : nodes.values()) {
        n.tick();
      }
      flush();
    }
  }

  /** Steps {@code msgs} into their recipients and delivers everything that follows. */
  void send(Message... msgs) {
    ArrayDeque<Message> queue = new ArrayDeque<>(List.of(msgs));
    deliverAll(queue);
  }

  /** Processes every pending Ready and delivers all messages until nothing moves. */
  void flush() {
    deliverAll(new ArrayDeque<>());
  }

  private void deliverAll(ArrayDeque<Message> queue) {
    for (int i = 0; i < 100_000; i++) {
      collect(queue);
      Message m = queue.poll();
      if (m == null) {
        return;
      }
      if (!passes(m)) {
        continue;
      }
      RawNode to = nodes.get(m.getTo());
      if (to != null) {
        delivered.add(m);
        to.step(m);
      }
    }
    throw new AssertionError("network did not quiesce");
  }

  private boolean passes(Message m) {
    if (ignored.contains(m.getType())) {
      return false;
    }
    Double rate = dropRates.get(List.of(m.getFrom(), m.getTo()));
    return rate == null || random.nextDouble() >= rate;
  }

  private void collect(ArrayDeque<Message> queue) {
    for (Map.Entry<Long, RawNode> e : nodes.entrySet()) {
      RawNode node = e.getValue();
      MemoryStorage storage = storages.get(e.getKey());
      while (node.hasReady()) {
        Ready rd = node.ready();
        if (rd.snapshot() != null) {
          storage.applySnapshot(rd.snapshot());
        }
        storage.append(rd.entries());
        if (rd.hardState() != null) {
          storage.setHardState(rd.hardState());
        }
        queue.addAll(rd.messages());
        for (Entry ent : rd.committedEntries()) {
          applied.get(e.getKey()).add(ent);
          if (ent.getType() == EntryType.EntryConfChange) {
            try {
              node.applyConfChange(ConfChange.parseFrom(ent.getData()));
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
              throw new AssertionError(ex);
            }
          }
        }
        node.advance(rd);
      }
    }
  }

  /** Drops messages from {@code from} to {@code to} with probability {@code rate}. */
  void drop(long from, long to, double rate) {
    dropRates.put(List.of(from, to), rate);
  }

  /** Cuts both directions between two members. */
  void cut(long a, long b) {
    drop(a, b, 1.0);
    drop(b, a, 1.0);
  }

  /** Cuts a member off from every other one. */
  void isolate(long id) {
    for (long other : nodes.keySet()) {
      if (other != id) {
        cut(id, other);
      }
    }
  }

  /** Drops every message of this type. */
  void ignore(MessageType type) {
    ignored.add(type);
  }

  /** Undoes every fault. */
  void recover() {
    dropRates.clear();
    ignored.clear();
  }
}
