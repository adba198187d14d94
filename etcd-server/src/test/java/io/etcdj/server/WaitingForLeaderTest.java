package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proposals held while raft knows no leader (SPEC RFT-008): order kept, given-up ones dropped. */
class WaitingForLeaderTest {
  private static final long TIMEOUT = 1_000;

  private static ByteString p(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void releasedOldestFirstAheadOfTheRoundsOwnProposals() {
    WaitingForLeader waiting = new WaitingForLeader(TIMEOUT);
    waiting.add(List.of(p("a"), p("b")), 0);
    waiting.add(List.of(p("c")), 10);
    List<ByteString> round = new ArrayList<>(List.of(p("d")));

    assertThat(waiting.releaseInto(round, 20)).isZero();

    assertThat(round).containsExactly(p("a"), p("b"), p("c"), p("d"));
    assertThat(waiting.isEmpty()).isTrue();
  }

  /** etcd never proposes what its request gave up on after the request timeout. */
  @Test
  void proposalsOlderThanTheRequestTimeoutAreForgotten() {
    WaitingForLeader waiting = new WaitingForLeader(TIMEOUT);
    waiting.add(List.of(p("old")), 0);
    waiting.add(List.of(p("young")), 500);
    List<ByteString> round = new ArrayList<>();

    assertThat(waiting.releaseInto(round, TIMEOUT)).isEqualTo(1);

    assertThat(round).containsExactly(p("young"));
  }

  @Test
  void addingDropsThoseAlreadyGivenUpOn() {
    WaitingForLeader waiting = new WaitingForLeader(TIMEOUT);
    waiting.add(List.of(p("old")), 0);
    waiting.add(List.of(p("new")), 5 * TIMEOUT);
    List<ByteString> round = new ArrayList<>();

    assertThat(waiting.releaseInto(round, 5 * TIMEOUT)).isZero();

    assertThat(round).containsExactly(p("new"));
  }
}
