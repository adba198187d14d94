package io.etcdj.raft.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Follower progress states and their transitions (etcd raft design, RFT-006/013). */
class ProgressTest {

  @Test
  void probeSendsOneAppendAtATime() {
    Progress p = new Progress(0, 5, 8, false);
    assertThat(p.isPaused()).isFalse();
    p.markProbeSent();
    assertThat(p.isPaused()).isTrue();
    assertThat(p.maybeUpdate(4)).isTrue();
    assertThat(p.isPaused()).isFalse();
    assertThat(p.next()).isEqualTo(5);
  }

  @Test
  void staleAcknowledgementIsNotNews() {
    Progress p = new Progress(5, 6, 8, false);
    assertThat(p.maybeUpdate(3)).isFalse();
    assertThat(p.match()).isEqualTo(5);
  }

  @Test
  void rejectionInProbeUsesTheHint() {
    Progress p = new Progress(0, 10, 8, false);
    assertThat(p.maybeDecrTo(5, 2)).isFalse(); // not the outstanding probe
    assertThat(p.maybeDecrTo(9, 2)).isTrue();
    assertThat(p.next()).isEqualTo(3);
  }

  @Test
  void rejectionInReplicateFallsBackToMatch() {
    Progress p = new Progress(5, 6, 8, false);
    p.becomeReplicate();
    p.optimisticUpdate(9);
    assertThat(p.maybeDecrTo(4, 0)).isFalse(); // below match: stale
    assertThat(p.maybeDecrTo(7, 0)).isTrue();
    assertThat(p.next()).isEqualTo(6);
  }

  @Test
  void snapshotPausesAndProbeResumesAfterIt() {
    Progress p = new Progress(2, 3, 8, false);
    p.becomeSnapshot(10);
    assertThat(p.isPaused()).isTrue();
    p.becomeProbe();
    assertThat(p.next()).isEqualTo(11);
    assertThat(p.state()).isEqualTo(ProgressState.PROBE);
  }

  @Test
  void replicatePausesOnlyWhenWindowIsFull() {
    Progress p = new Progress(1, 2, 2, false);
    p.becomeReplicate();
    p.inflights().add(2);
    assertThat(p.isPaused()).isFalse();
    p.inflights().add(3);
    assertThat(p.isPaused()).isTrue();
  }
}
