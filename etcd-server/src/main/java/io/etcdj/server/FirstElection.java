package io.etcdj.server;

import io.etcdj.raft.RawNode;
import io.etcdj.raft.raftpb.ConfState;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a member's first election is brought forward (SPEC RFT-009), instead of waiting out a whole
 * randomized election timeout counted from start: a member alone in its configuration elects itself
 * at once; a member of several, as etcd 3.4 does it, fast-forwards its election clock to two ticks
 * short of the timeout once two peers' connections are active.
 *
 * <p>Thread-safety: {@link #aloneElectsAtOnce} and {@link #advance} step the {@link RawNode} and
 * belong to the raft loop's rounds; {@link #awaitPeers} only polls, on the loop's executor.
 */
final class FirstElection {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  /** How often, and how many times (5 s, the peer connections' read timeout), to look. */
  private static final long PEER_WAIT_INTERVAL_MS = 50;

  private static final int PEER_WAIT_CHECKS = 100;

  private final RawNode node;
  private final int electionTicks;

  FirstElection(RawNode node, int electionTicks) {
    this.node = node;
    this.electionTicks = electionTicks;
  }

  /**
   * A member alone in its configuration ticks to one short of the timeout and campaigns. Members of
   * several voters start from zero and {@link #advance} once they reach their peers. The caller
   * processes the Readies this makes.
   */
  void aloneElectsAtOnce(ConfState confState, boolean leader) {
    if (confState.getVotersCount() > 1) {
      return;
    }
    boolean single = confState.getVotersCount() == 1 && confState.getVoters(0) == node.id();
    int ticks = electionTicks - 1;
    if (single) {
      LOG.info(
          "{} as single-node; fast-forwarding {} ticks (election ticks {})",
          Long.toHexString(node.id()),
          ticks,
          electionTicks);
    }
    for (int i = 0; i < ticks; i++) {
      node.tick();
    }
    if (single && !leader) {
      node.campaign();
    }
  }

  /**
   * Polls {@code activePeers} until two peers' connections are active (for up to 5 s, while {@code
   * running}), then passes their number to {@code whenUp}, which should {@link #advance} on the
   * loop thread.
   */
  static void awaitPeers(
      ScheduledExecutorService executor,
      IntSupplier activePeers,
      BooleanSupplier running,
      IntConsumer whenUp) {
    poll(executor, activePeers, running, whenUp, PEER_WAIT_CHECKS);
  }

  private static void poll(
      ScheduledExecutorService executor,
      IntSupplier activePeers,
      BooleanSupplier running,
      IntConsumer whenUp,
      int checksLeft) {
    if (!running.getAsBoolean() || checksLeft == 0) {
      return;
    }
    int active = activePeers.getAsInt();
    if (active > 1) {
      whenUp.accept(active);
      return;
    }
    executor.schedule(
        () -> poll(executor, activePeers, running, whenUp, checksLeft - 1),
        PEER_WAIT_INTERVAL_MS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Fast-forwards the election clock to two ticks short of the timeout. A fresh cluster then elects
   * within a second of its members reaching each other instead of after a whole randomized timeout
   * (1-2 s of ticks counted from start, most of them spent while the other members were still
   * starting). The randomized timeout still spreads the candidates (2 to 11 ticks left with the
   * defaults), and a member that restarts into a running cluster has two ticks for the leader's
   * heartbeat, which comes every tick; one that already knows a leader ({@code lead} not 0) does
   * not advance at all.
   */
  void advance(int activePeers, long lead) {
    int ticks = electionTicks - 2;
    if (lead != 0 || ticks <= 0) {
      return;
    }
    LOG.info(
        "{} initialized peer connection; fast-forwarding {} ticks (election ticks {}) with {}"
            + " active peer(s)",
        Long.toHexString(node.id()),
        ticks,
        electionTicks,
        activePeers);
    for (int i = 0; i < ticks; i++) {
      node.tick();
    }
  }
}
