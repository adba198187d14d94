package io.etcdj.raft.simulation;

import io.etcdj.raft.raftpb.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated network: messages wait in one bag and are delivered in random order (which
 * delays and reorders them), may be duplicated or dropped, and do not cross partitions.
 *
 * <p>Not thread-safe: owned by the simulation's single thread; randomness comes from the
 * simulation's seeded generator.
 */
final class SimNetwork {
  private final SplittableRandom rnd;
  private final ArrayList<Message> inFlight = new ArrayList<>();
  private final Map<Long, Integer> group = new HashMap<>();
  private double dropRate;
  private double duplicateRate;

  SimNetwork(SplittableRandom rnd, double dropRate, double duplicateRate) {
    this.rnd = rnd;
    this.dropRate = dropRate;
    this.duplicateRate = duplicateRate;
  }

  void send(Message m) {
    inFlight.add(m);
  }

  boolean isEmpty() {
    return inFlight.isEmpty();
  }

  /**
   * Takes a random message, leaving a copy behind when it is to be duplicated; null when the
   * network is empty.
   */
  Message take() {
    if (inFlight.isEmpty()) {
      return null;
    }
    int i = rnd.nextInt(inFlight.size());
    Message m = inFlight.get(i);
    if (rnd.nextDouble() >= duplicateRate) {
      inFlight.set(i, inFlight.get(inFlight.size() - 1));
      inFlight.remove(inFlight.size() - 1);
    }
    return m;
  }

  /** Takes every message, oldest first. */
  List<Message> takeAll() {
    List<Message> all = new ArrayList<>(inFlight);
    inFlight.clear();
    return all;
  }

  /** Whether the network loses this message (a partition or a random drop). */
  boolean loses(Message m) {
    return !group.getOrDefault(m.getFrom(), 0).equals(group.getOrDefault(m.getTo(), 0))
        || rnd.nextDouble() < dropRate;
  }

  /** Splits the members into two random sides; returns a description. */
  String partition(Iterable<Long> ids) {
    group.clear();
    StringBuilder b = new StringBuilder("partition");
    for (long id : ids) {
      int g = rnd.nextInt(2);
      group.put(id, g);
      b.append(' ').append(id).append(':').append(g);
    }
    return b.toString();
  }

  void heal() {
    group.clear();
  }

  /** No more drops or duplicates: the network is healthy from now on. */
  void calm() {
    dropRate = 0;
    duplicateRate = 0;
  }

  static String describe(Message m) {
    return m.getType() + " " + m.getFrom() + "->" + m.getTo() + " t" + m.getTerm() + " i"
        + m.getIndex() + " n" + m.getEntriesCount() + (m.getReject() ? " reject" : "");
  }
}
