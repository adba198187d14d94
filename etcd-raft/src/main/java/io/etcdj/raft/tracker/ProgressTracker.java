package io.etcdj.raft.tracker;

import io.etcdj.raft.quorum.MajorityConfig;
import io.etcdj.raft.quorum.VoteResult;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current configuration (its voters) together with the leader's {@link Progress} for each
 * of them and the votes collected in the current election.
 *
 * <p>Membership changes one node at a time (Raft §6 / thesis §4.1, RFT-010), so there is no
 * joint configuration. Not thread-safe: owned by the raft state machine.
 */
public final class ProgressTracker {
  private final int maxInflight;
  private MajorityConfig voters = new MajorityConfig();
  /** Sorted by id so that broadcasts go out in a deterministic order. */
  private final TreeMap<Long, Progress> progress = new TreeMap<>();
  private final Map<Long, Boolean> votes = new HashMap<>();

  public ProgressTracker(int maxInflight) {
    this.maxInflight = maxInflight;
  }

  public int maxInflight() {
    return maxInflight;
  }

  public MajorityConfig voters() {
    return voters;
  }

  /** The progress of every voter, by ascending id. Callers may mutate the values. */
  public Map<Long, Progress> progress() {
    return progress;
  }

  public Progress get(long id) {
    return progress.get(id);
  }

  public boolean isVoter(long id) {
    return progress.containsKey(id);
  }

  /** Adds a voter, unless it is one already. */
  public void addVoter(long id, long match, long next, boolean recentActive) {
    if (progress.containsKey(id)) {
      return;
    }
    progress.put(id, new Progress(match, next, maxInflight, recentActive));
    voters = new MajorityConfig(ids());
  }

  public void removeVoter(long id) {
    if (progress.remove(id) != null) {
      votes.remove(id);
      voters = new MajorityConfig(ids());
    }
  }

  public void clear() {
    progress.clear();
    votes.clear();
    voters = new MajorityConfig();
  }

  private long[] ids() {
    long[] ids = new long[progress.size()];
    int i = 0;
    for (long id : progress.keySet()) {
      ids[i++] = id;
    }
    return ids;
  }

  /** The highest index held by a majority of voters (RFT-007). */
  public long committed() {
    return voters.committedIndex(
        id -> {
          Progress pr = progress.get(id);
          return pr == null ? 0 : pr.match();
        });
  }

  /**
   * Whether a majority of voters were recently active, the leader counting itself (CheckQuorum,
   * RFT-004, thesis §6.2).
   */
  public boolean quorumActive(long self) {
    int active = 0;
    for (Map.Entry<Long, Progress> e : progress.entrySet()) {
      if (e.getKey() == self || e.getValue().recentActive()) {
        active++;
      }
    }
    return voters.size() == 0 || active >= voters.quorum();
  }

  public void resetVotes() {
    votes.clear();
  }

  /** Records a vote; only the first answer of each voter counts. */
  public void recordVote(long id, boolean granted) {
    votes.putIfAbsent(id, granted);
  }

  public int grantedVotes() {
    int n = 0;
    for (Boolean v : votes.values()) {
      if (v) {
        n++;
      }
    }
    return n;
  }

  public int rejectedVotes() {
    return votes.size() - grantedVotes();
  }

  public VoteResult tallyVotes() {
    return voters.voteResult(votes);
  }
}
