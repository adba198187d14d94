package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SPEC FLG-065, GOT-018: a leader warns when a heartbeat to a follower leaves more than two
 * intervals after the previous one, saying by how much, in etcd's words and Go's units.
 */
class HeartbeatDeadlineTest {
  private static final long MS = 1_000_000;

  private final HeartbeatDeadline deadline = new HeartbeatDeadline(100);

  @Test
  void onTimeHeartbeatsSayNothing() {
    assertThat(deadline.sent(2, 0)).isNull();
    assertThat(deadline.sent(2, 100 * MS)).isNull();
    assertThat(deadline.sent(2, 300 * MS)).isNull(); // exactly two intervals
    assertThat(deadline.sent(3, 900 * MS)).isNull(); // the first to another follower
  }

  @Test
  void aLateHeartbeatSaysByHowMuchBeyondTwoIntervals() {
    deadline.sent(2, 0);
    assertThat(deadline.sent(2, 354_491_083))
        .isEqualTo("failed to send out heartbeat on time (exceeded the 100ms timeout for"
            + " 154.491083ms)");
    assertThat(deadline.sent(2, 354_491_083 + 1420 * MS))
        .isEqualTo("failed to send out heartbeat on time (exceeded the 100ms timeout for 1.22s)");
  }

  @Test
  void aNewTermAsLeaderStartsAfresh() {
    deadline.sent(2, 0);
    deadline.reset();
    assertThat(deadline.sent(2, 5000 * MS)).isNull();
  }
}
