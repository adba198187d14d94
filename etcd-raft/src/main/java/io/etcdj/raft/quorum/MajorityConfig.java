package io.etcdj.raft.quorum;

import java.util.Arrays;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The set of voters of a single (non-joint) configuration, and the majority arithmetic over it
 * (Raft §5.2 for votes, §5.3/§5.4.2 for the commit index).
 *
 * <p>Immutable and thread-safe. Voter ids are kept sorted so that iteration, and therefore the
 * order of outgoing messages, is deterministic.
 */
public final class MajorityConfig {
  private final long[] voters;

  public MajorityConfig(long... voters) {
    long[] sorted = voters.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("duplicate voter " + sorted[i]);
      }
    }
    this.voters = sorted;
  }

  /** The voter ids in ascending order (a copy). */
  public long[] ids() {
    return voters.clone();
  }

  public int size() {
    return voters.length;
  }

  public boolean contains(long id) {
    return Arrays.binarySearch(voters, id) >= 0;
  }

  /** How many voters form a majority. */
  public int quorum() {
    return voters.length / 2 + 1;
  }

  /**
   * The largest index that a majority of voters have acknowledged, given each voter's match
   * index. With no voters there is nothing to constrain the commit index, so this returns
   * Long.MAX_VALUE (the caller's term check keeps it safe), as etcd does.
   */
  public long committedIndex(LongUnaryOperator matchOf) {
    int n = voters.length;
    if (n == 0) {
      return Long.MAX_VALUE;
    }
    if (n == 1) {
      return matchOf.applyAsLong(voters[0]); // a single member commits on every append
    }
    long[] matches = new long[n];
    for (int i = 0; i < n; i++) {
      matches[i] = matchOf.applyAsLong(voters[i]);
    }
    Arrays.sort(matches);
    // Ascending order: the entry at n - quorum is held by at least `quorum` voters.
    return matches[n - quorum()];
  }

  /** Counts granted and rejected votes; voters missing from the map have not answered yet. */
  public VoteResult voteResult(Map<Long, Boolean> votes) {
    if (voters.length == 0) {
      // An empty configuration wins every election, which lets a joining node stay harmless.
      return VoteResult.WON;
    }
    int granted = 0;
    int missing = 0;
    for (long id : voters) {
      Boolean v = votes.get(id);
      if (v == null) {
        missing++;
      } else if (v) {
        granted++;
      }
    }
    int q = quorum();
    if (granted >= q) {
      return VoteResult.WON;
    }
    if (granted + missing >= q) {
      return VoteResult.PENDING;
    }
    return VoteResult.LOST;
  }
}
