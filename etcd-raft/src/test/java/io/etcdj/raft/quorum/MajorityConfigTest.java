package io.etcdj.raft.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Majority arithmetic: commit index (Raft §5.3) and vote counting (§5.2). */
class MajorityConfigTest {

  @Test
  void committedIndexIsWhatAMajorityHolds() {
    Map<Long, Long> match = Map.of(1L, 10L, 2L, 7L, 3L, 3L, 4L, 9L, 5L, 1L);
    assertThat(new MajorityConfig(1, 2, 3, 4, 5).committedIndex(match::get)).isEqualTo(7);
    assertThat(new MajorityConfig(1, 2, 3).committedIndex(match::get)).isEqualTo(7);
    assertThat(new MajorityConfig(1, 3).committedIndex(match::get)).isEqualTo(3);
    assertThat(new MajorityConfig(1).committedIndex(match::get)).isEqualTo(10);
  }

  @Test
  void voteResultNeedsMajorityEitherWay() {
    MajorityConfig c = new MajorityConfig(1, 2, 3, 4);
    assertThat(c.voteResult(Map.of(1L, true, 2L, true))).isEqualTo(VoteResult.PENDING);
    assertThat(c.voteResult(Map.of(1L, true, 2L, true, 3L, true))).isEqualTo(VoteResult.WON);
    assertThat(c.voteResult(Map.of(1L, true, 2L, false, 3L, false))).isEqualTo(VoteResult.LOST);
    assertThat(c.voteResult(Map.of(9L, true, 8L, true, 7L, true))).isEqualTo(VoteResult.PENDING);
  }
}
