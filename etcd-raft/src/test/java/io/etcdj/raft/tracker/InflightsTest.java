package io.etcdj.raft.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The flow-control window of pipelined replication (RFT-006). */
class InflightsTest {

  @Test
  void fillsFreesAndWrapsAround() {
    Inflights in = new Inflights(4);
    for (long i = 1; i <= 4; i++) {
      in.add(i * 10);
    }
    assertThat(in.full()).isTrue();
    assertThatThrownBy(() -> in.add(50)).isInstanceOf(IllegalStateException.class);
    in.freeLE(25);
    assertThat(in.count()).isEqualTo(2);
    in.add(50);
    in.add(60);
    assertThat(in.full()).isTrue();
    in.freeLE(5);
    assertThat(in.count()).isEqualTo(4);
    in.freeFirstOne();
    assertThat(in.count()).isEqualTo(3);
    in.freeLE(60);
    assertThat(in.count()).isZero();
  }
}
