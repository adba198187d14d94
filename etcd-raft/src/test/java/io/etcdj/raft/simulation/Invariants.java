package io.etcdj.raft.simulation;

import io.etcdj.raft.StateType;
import io.etcdj.raft.raftpb.Entry;
import java.util.HashMap;
import java.util.Map;

/**
 * The safety properties of Raft (paper §5.2 figure 3), checked as the simulation runs. Each
 * check throws an {@link AssertionError} naming what was violated; the simulation adds the seed
 * and step.
 *
 * <p>Not thread-safe: owned by the simulation's single thread.
 */
final class Invariants {
  /** Election Safety: the leader seen for each term. */
  private final Map<Long, Long> leaderOfTerm = new HashMap<>();

  /** Log Matching: for each (index, term) ever persisted, the entry's data and previous term. */
  private final Map<EntryId, EntryFacts> logged = new HashMap<>();

  /** State Machine Safety: the state (hash chain) after applying each index. */
  private final Map<Long, Long> hashAfter = new HashMap<>();

  /** The term of each committed (applied somewhere) index. */
  private final Map<Long, Long> committedTerm = new HashMap<>();

  private long maxCommitted;

  private record EntryId(long index, long term) {}

  private record EntryFacts(int dataHash, int type, long prevTerm) {}

  /**
   * Election Safety (§5.2): at most one leader per term. Also Leader Completeness (§5.4): a new
   * leader holds every entry committed so far; checked once per term, when the leader is first
   * seen, against the highest committed index (Log Matching extends it to all before).
   */
  void leaderSeen(SimNode n) {
    if (n.node.softState().raftState() != StateType.LEADER) {
      return;
    }
    long term = n.node.status().term();
    Long previous = leaderOfTerm.putIfAbsent(term, n.id);
    if (previous != null && previous != n.id) {
      throw new AssertionError(
          "Election Safety: " + previous + " and " + n.id + " both lead term " + term);
    }
    if (previous != null || maxCommitted == 0) {
      return;
    }
    long snapshotIndex = n.storage.firstIndex() - 1;
    if (maxCommitted <= snapshotIndex) {
      // Only committed entries are ever compacted into a snapshot.
      return;
    }
    long want = committedTerm.get(maxCommitted);
    long have = termOf(n, maxCommitted);
    if (have != want) {
      throw new AssertionError(
          "Leader Completeness: leader " + n.id + " of term " + term + " has term " + have
              + " at committed index " + maxCommitted + ", committed term is " + want);
    }
  }

  private static long termOf(SimNode n, long index) {
    // The leader's whole log is persisted right after each Ready, so storage is its log.
    try {
      return n.storage.term(index);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Log Matching (§5.3): two entries with the same index and term hold the same command and
   * are preceded by entries of the same term (hence, by induction, identical logs). Checked on
   * every entry when it is persisted; a leader never creates two entries at one index in a
   * term, so the map may safely remember entries that were later overwritten.
   */
  void persisted(SimNode n, Iterable<Entry> entries, long prevTerm) {
    long prev = prevTerm;
    for (Entry e : entries) {
      EntryFacts facts = new EntryFacts(e.getData().hashCode(), e.getType().getNumber(), prev);
      EntryFacts known = logged.putIfAbsent(new EntryId(e.getIndex(), e.getTerm()), facts);
      if (known != null) {
        boolean prevKnown = known.prevTerm() >= 0 && facts.prevTerm() >= 0;
        if (known.dataHash() != facts.dataHash() || known.type() != facts.type()
            || (prevKnown && known.prevTerm() != facts.prevTerm())) {
          throw new AssertionError(
              "Log Matching: node " + n.id + " persisted entry " + e.getIndex() + "/"
                  + e.getTerm() + " as " + facts + " but it was " + known);
        }
      }
      prev = e.getTerm();
    }
  }

  /**
   * State Machine Safety (§5.4.3): no two members apply different entries at the same index;
   * the hash chain makes this cover every entry before it as well.
   */
  void applied(SimNode n, Entry e, long hash) {
    Long known = hashAfter.putIfAbsent(e.getIndex(), hash);
    if (known != null && known != hash) {
      throw new AssertionError(
          "State Machine Safety: node " + n.id + " applied index " + e.getIndex() + " term "
              + e.getTerm() + " giving a different state than another member");
    }
    committedTerm.putIfAbsent(e.getIndex(), e.getTerm());
    if (e.getIndex() > maxCommitted) {
      maxCommitted = e.getIndex();
    }
  }

  /** A snapshot carries the state as of its index: it must match what members applied. */
  void snapshotRestored(SimNode n, long index, long hash) {
    Long known = hashAfter.get(index);
    if (known != null && known != hash) {
      throw new AssertionError(
          "State Machine Safety: node " + n.id + " restored a snapshot at " + index
              + " that differs from the applied state");
    }
  }

  long maxCommitted() {
    return maxCommitted;
  }

  int termsWithLeader() {
    return leaderOfTerm.size();
  }
}
