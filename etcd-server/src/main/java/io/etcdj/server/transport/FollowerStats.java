package io.etcdj.server.transport;

import java.time.Duration;

/**
 * The leader statistics hook (SPEC PTR-029, OTH-042, OTH-043): the transport reports every MsgApp
 * it managed to hand to a stream or pipeline, with the time it took, and every one it failed to
 * send.
 *
 * <p>Thread-safety: implementations must accept concurrent calls from Netty event loops.
 */
public interface FollowerStats {
  /** A hook that records nothing. */
  FollowerStats NONE =
      new FollowerStats() {
        @Override
        public void succ(long followerId, Duration latency) {}

        @Override
        public void fail(long followerId) {}
      };

  /** A MsgApp to {@code followerId} was written in {@code latency}. */
  void succ(long followerId, Duration latency);

  /** A MsgApp to {@code followerId} could not be sent. */
  void fail(long followerId);
}
