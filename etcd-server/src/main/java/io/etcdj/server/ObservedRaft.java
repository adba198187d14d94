package io.etcdj.server;

import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateType;
import java.util.concurrent.CompletableFuture;

/**
 * What the raft loop's rounds learn about raft and publish for every other thread: the term, who
 * leads and since when, how many leaders there have been, the last committed index. The HTTP
 * headers, the stats and metrics pages and the timers read it without waiting for a round.
 *
 * <p>Thread-safety: written by the round in progress only (one at a time, {@link RaftLoop}); read
 * from any thread through volatile fields.
 */
final class ObservedRaft {
  private final CompletableFuture<Long> leaderFound = new CompletableFuture<>();
  private volatile long term;
  private volatile long lead;
  private volatile boolean leader;
  private volatile long leaderSinceNanos;
  /** Times raft named a new leader (a change to none is not one). */
  private volatile long leaderChanges;
  /** The index of the last entry committed and handed to apply (or of an applied snapshot). */
  private volatile long committedIndex;

  ObservedRaft(long term) {
    this.term = term;
  }

  /**
   * Takes in a Ready's soft state (null: unchanged).
   *
   * @return whether this member has just become the leader
   */
  boolean note(SoftState soft) {
    if (soft == null) {
      return false;
    }
    boolean nowLeader = soft.raftState() == StateType.LEADER;
    boolean becameLeader = nowLeader && !leader;
    // OTH-041: leaderInfo restarts whenever the observed leader changes (or we become it).
    if (becameLeader || soft.lead() != lead) {
      leaderSinceNanos = SystemClock.nanoTime();
    }
    if (soft.lead() != 0 && soft.lead() != lead) {
      leaderChanges++; // one writer: the round
    }
    lead = soft.lead();
    leader = nowLeader;
    if (soft.lead() != 0) {
      leaderFound.complete(soft.lead());
    }
    return becameLeader;
  }

  void term(long term) {
    this.term = term;
  }

  void committed(long index) {
    committedIndex = index;
  }

  /** Completes with the first leader's ID once raft knows one. */
  CompletableFuture<Long> leaderFound() {
    return leaderFound;
  }

  long term() {
    return term;
  }

  /** The leader's ID, 0 while there is none. */
  long lead() {
    return lead;
  }

  boolean isLeader() {
    return leader;
  }

  long leaderSinceNanos() {
    return leaderSinceNanos;
  }

  long leaderChanges() {
    return leaderChanges;
  }

  long committedIndex() {
    return committedIndex;
  }
}
