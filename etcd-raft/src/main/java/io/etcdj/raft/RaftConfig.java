package io.etcdj.raft;

import java.util.Objects;

/**
 * Everything a raft node is configured with, checked once at construction (STYLE rule 10).
 *
 * @param id this node's id, never 0
 * @param electionTick ticks a follower waits without hearing from a leader before it campaigns;
 *     the actual timeout is drawn in [electionTick, 2 * electionTick) at every term change
 *     (RFT-001, Raft §5.2)
 * @param heartbeatTick ticks between leader heartbeats; must be less than electionTick
 * @param storage the stable log, which the application writes
 * @param applied the last index the application has applied, on restart; 0 on a fresh start
 * @param maxSizePerMsg the most bytes of entries in one append (etcd server: 1 MiB); 0 means
 *     one entry per message (RFT-006)
 * @param maxInflightMsgs how many appends may be unacknowledged per follower (etcd: 512)
 * @param checkQuorum a leader steps down when it has not heard from a quorum within an election
 *     timeout, and nodes that hear from a leader ignore higher-term votes meanwhile (RFT-004)
 * @param preVote run a pre-election before bumping the term (thesis §9.6, RFT-005)
 * @param randomSeed seeds the election timeout randomness; the only source of randomness
 * @param logger receives state transitions; {@link RaftLogger#NOOP} to discard them
 */
public record RaftConfig(
    long id,
    int electionTick,
    int heartbeatTick,
    Storage storage,
    long applied,
    long maxSizePerMsg,
    int maxInflightMsgs,
    boolean checkQuorum,
    boolean preVote,
    long randomSeed,
    RaftLogger logger) {

  /** etcd server's limit on the bytes of entries in one append message. */
  public static final long DEFAULT_MAX_SIZE_PER_MSG = 1024 * 1024;

  /** etcd server's limit on unacknowledged appends per follower. */
  public static final int DEFAULT_MAX_INFLIGHT_MSGS = 512;

  public RaftConfig {
    if (id == 0) {
      throw new IllegalArgumentException("cannot use none as id");
    }
    if (heartbeatTick <= 0) {
      throw new IllegalArgumentException("heartbeat tick must be greater than 0");
    }
    if (electionTick <= heartbeatTick) {
      throw new IllegalArgumentException("election tick must be greater than heartbeat tick");
    }
    Objects.requireNonNull(storage, "storage cannot be null");
    if (applied < 0) {
      throw new IllegalArgumentException("applied must not be negative: " + applied);
    }
    if (maxSizePerMsg < 0) {
      throw new IllegalArgumentException("max size per message must not be negative");
    }
    if (maxInflightMsgs <= 0) {
      throw new IllegalArgumentException("max inflight messages must be greater than 0");
    }
    Objects.requireNonNull(logger, "logger cannot be null (use RaftLogger.NOOP)");
  }

  /**
   * etcd server's defaults: election 10 ticks, heartbeat 1 tick, 1 MiB appends, 512 inflight,
   * no check-quorum, no pre-vote, seeded with the id.
   */
  public static RaftConfig defaults(long id, Storage storage) {
    return new RaftConfig(
        id, 10, 1, storage, 0, DEFAULT_MAX_SIZE_PER_MSG, DEFAULT_MAX_INFLIGHT_MSGS, false, false,
        id, RaftLogger.NOOP);
  }

  public RaftConfig withTicks(int electionTick, int heartbeatTick) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withApplied(long applied) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withFlowControl(long maxSizePerMsg, int maxInflightMsgs) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withCheckQuorum(boolean checkQuorum) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withPreVote(boolean preVote) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withRandomSeed(long randomSeed) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }

  public RaftConfig withLogger(RaftLogger logger) {
    return new RaftConfig(id, electionTick, heartbeatTick, storage, applied, maxSizePerMsg,
        maxInflightMsgs, checkQuorum, preVote, randomSeed, logger);
  }
}
