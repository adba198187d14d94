package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OTH-042, OTH-043: etcd's follower figures and Go 1.6's float encoding. */
class LeaderStatsTest {
  @Test
  void floatsAreWrittenAsGoShortestG() {
    assertThat(LeaderStats.goFloat(0)).isEqualTo("0");
    assertThat(LeaderStats.goFloat(0x1p63)).isEqualTo("9.223372036854776e+18");
    assertThat(LeaderStats.goFloat(1.5)).isEqualTo("1.5");
    assertThat(LeaderStats.goFloat(2)).isEqualTo("2");
    assertThat(LeaderStats.goFloat(123456)).isEqualTo("123456");
    assertThat(LeaderStats.goFloat(1234567)).isEqualTo("1.234567e+06");
    assertThat(LeaderStats.goFloat(0.0001)).isEqualTo("0.0001");
    assertThat(LeaderStats.goFloat(0.00001234)).isEqualTo("1.234e-05");
  }

  @Test
  void followerFiguresFollowEtcdsFormulas() {
    LeaderStats stats = new LeaderStats();
    stats.follow(0x1a);
    stats.follow(0x2);
    assertThat(stats.json("9"))
        .isEqualTo(
            "{\"leader\":\"9\",\"followers\":{"
                + "\"1a\":{\"latency\":{\"current\":0,\"average\":0,\"standardDeviation\":0,"
                + "\"minimum\":9.223372036854776e+18,\"maximum\":0},"
                + "\"counts\":{\"fail\":0,\"success\":0}},"
                + "\"2\":{\"latency\":{\"current\":0,\"average\":0,\"standardDeviation\":0,"
                + "\"minimum\":9.223372036854776e+18,\"maximum\":0},"
                + "\"counts\":{\"fail\":0,\"success\":0}}}}");
    stats.succ(0x2, Duration.ofMillis(1));
    stats.succ(0x2, Duration.ofMillis(3));
    stats.fail(0x2);
    stats.succ(0x77, Duration.ofMillis(3)); // not followed: ignored
    stats.unfollow(0x1a);
    assertThat(stats.json("9"))
        .isEqualTo(
            "{\"leader\":\"9\",\"followers\":{"
                + "\"2\":{\"latency\":{\"current\":3,\"average\":2,\"standardDeviation\":1,"
                + "\"minimum\":1,\"maximum\":3},\"counts\":{\"fail\":1,\"success\":2}}}}");
  }
}
