package io.etcdj.raft.tracker;

/**
 * The leader's view of one follower: how much of the log it is known to hold ({@code match}),
 * what to send it next ({@code next}), and the flow-control state that decides whether more may
 * be sent now (RFT-006). The transitions between {@link ProgressState}s live here so that the
 * leader code only says what happened, never how the fields move.
 *
 * <p>Not thread-safe: owned by the raft state machine.
 */
public final class Progress {
  private long match;
  private long next;
  private ProgressState state = ProgressState.PROBE;
  private long pendingSnapshot;
  private boolean recentActive;
  private boolean probeSent;
  private final Inflights inflights;

  public Progress(long match, long next, int maxInflight, boolean recentActive) {
    this.match = match;
    this.next = next;
    this.inflights = new Inflights(maxInflight);
    this.recentActive = recentActive;
  }

  public long match() {
    return match;
  }

  public long next() {
    return next;
  }

  public ProgressState state() {
    return state;
  }

  /** The index of the snapshot in flight while in {@link ProgressState#SNAPSHOT}, else 0. */
  public long pendingSnapshot() {
    return pendingSnapshot;
  }

  /** Whether the follower was heard from since the last check-quorum round (RFT-004). */
  public boolean recentActive() {
    return recentActive;
  }

  public void setRecentActive(boolean recentActive) {
    this.recentActive = recentActive;
  }

  public Inflights inflights() {
    return inflights;
  }

  private void resetState(ProgressState newState) {
    probeSent = false;
    pendingSnapshot = 0;
    state = newState;
    inflights.reset();
  }

  /**
   * Back to probing. After a snapshot the follower holds at least the snapshot, so probing
   * starts right after it.
   */
  public void becomeProbe() {
    if (state == ProgressState.SNAPSHOT) {
      long snapshotIndex = pendingSnapshot;
      resetState(ProgressState.PROBE);
      next = Math.max(match + 1, snapshotIndex + 1);
    } else {
      resetState(ProgressState.PROBE);
      next = match + 1;
    }
  }

  /** The snapshot could not be delivered: probe again from what the follower is known to hold. */
  public void snapshotFailed() {
    pendingSnapshot = 0;
    becomeProbe();
  }

  public void becomeReplicate() {
    resetState(ProgressState.REPLICATE);
    next = match + 1;
  }

  public void becomeSnapshot(long snapshotIndex) {
    resetState(ProgressState.SNAPSHOT);
    pendingSnapshot = snapshotIndex;
  }

  /**
   * Records an acknowledgement up to index {@code n}. Returns whether {@code match} moved, i.e.
   * whether the answer was news (stale or duplicated answers return false).
   */
  public boolean maybeUpdate(long n) {
    boolean updated = false;
    if (match < n) {
      match = n;
      updated = true;
      probeSent = false;
    }
    if (next < n + 1) {
      next = n + 1;
    }
    return updated;
  }

  /** While replicating, entries up to {@code n} have been sent: assume they will arrive. */
  public void optimisticUpdate(long n) {
    next = n + 1;
  }

  /**
   * Handles a rejected append that was sent with previous index {@code rejected}; {@code
   * matchHint} is the follower's best guess of where the logs may agree (fast backtracking).
   * Returns false when the rejection is stale and must be ignored.
   */
  public boolean maybeDecrTo(long rejected, long matchHint) {
    if (state == ProgressState.REPLICATE) {
      // An append below what is already matched was sent before the follower caught up.
      if (rejected <= match) {
        return false;
      }
      next = match + 1;
      return true;
    }
    // In probe state only one append is outstanding, the one with previous index next - 1.
    if (next - 1 != rejected) {
      return false;
    }
    next = Math.max(Math.min(rejected, matchHint + 1), 1);
    probeSent = false;
    return true;
  }

  /** Marks that a probe is outstanding so no other append is sent until it is answered. */
  public void markProbeSent() {
    probeSent = true;
  }

  /** A heartbeat answer means the follower is alive: allow one more probe. */
  public void clearProbeSent() {
    probeSent = false;
  }

  /** Whether sending appends to this follower is held back by flow control. */
  public boolean isPaused() {
    switch (state) {
      case PROBE:
        return probeSent;
      case REPLICATE:
        return inflights.full();
      case SNAPSHOT:
        return true;
      default:
        throw new IllegalStateException("unexpected state " + state);
    }
  }

  @Override
  public String toString() {
    return "next = " + next + ", match = " + match + ", state = " + state
        + ", waiting = " + isPaused() + ", pendingSnapshot = " + pendingSnapshot;
  }
}
