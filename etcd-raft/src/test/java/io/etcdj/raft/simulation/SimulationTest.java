package io.etcdj.raft.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link ClusterSimulation} over many seeds for 3- and 5-member clusters with every
 * combination of pre-vote and check-quorum: Raft §5.2 (Election Safety), §5.3 (Log Matching),
 * §5.4 (Leader Completeness, State Machine Safety), §6 (membership), §7 (compaction), and
 * liveness after healing.
 *
 * <p>The default build runs {@value #DEFAULT_SEEDS} seeds per combination. System properties
 * (set by the {@code soak} profile or on the command line): {@code raft.sim.seeds} seeds per
 * combination, {@code raft.sim.firstSeed} the first seed, {@code raft.sim.steps} steps per run.
 * To replay a failure, run with {@code -Draft.sim.firstSeed=<seed> -Draft.sim.seeds=1}.
 */
class SimulationTest {
  static final int DEFAULT_SEEDS = 400;
  static final int DEFAULT_STEPS = 600;

  static Stream<Arguments> clusters() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (int size : new int[] {3, 5}) {
      for (boolean preVote : new boolean[] {false, true}) {
        for (boolean checkQuorum : new boolean[] {false, true}) {
          b.add(Arguments.of(size, preVote, checkQuorum));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "size={0} preVote={1} checkQuorum={2}")
  @MethodSource("clusters")
  void safetyAndLivenessHoldForEverySeed(int size, boolean preVote, boolean checkQuorum) {
    int seeds = Integer.getInteger("raft.sim.seeds", DEFAULT_SEEDS);
    long firstSeed = Long.getLong("raft.sim.firstSeed", 1);
    int steps = Integer.getInteger("raft.sim.steps", DEFAULT_STEPS);
    // Different combinations explore different seeds.
    long base = firstSeed + (size * 4L + (preVote ? 2 : 0) + (checkQuorum ? 1 : 0)) * 1_000_000L;
    if (Long.getLong("raft.sim.firstSeed") != null) {
      base = firstSeed;
    }
    ClusterSimulation.Options options =
        new ClusterSimulation.Options(size, preVote, checkQuorum, steps);
    long committed = 0;
    long terms = 0;
    long snapshots = 0;
    long changes = 0;
    for (long seed = base; seed < base + seeds; seed++) {
      ClusterSimulation.Outcome outcome = new ClusterSimulation(seed, options).run();
      committed += outcome.committed();
      terms += outcome.terms();
      snapshots += outcome.snapshotsRestored();
      changes += outcome.membershipChanges();
    }
    System.out.printf(
        "raft simulation size=%d preVote=%b checkQuorum=%b: %d seeds, %d committed entries,"
            + " %d leader terms, %d snapshots restored, %d membership changes%n",
        size, preVote, checkQuorum, seeds, committed, terms, snapshots, changes);
    // The runs must do real work, not just stay safe by doing nothing. (A replay of a single
    // seed need not show every kind of event.)
    if (seeds < 50) {
      return;
    }
    assertThat(committed).isGreaterThan(seeds * 10L);
    assertThat(terms).isGreaterThan(seeds);
    assertThat(snapshots).isPositive();
    assertThat(changes).isPositive();
  }

  @Test
  void sameSeedReplaysTheSameRun() {
    ClusterSimulation.Options options = new ClusterSimulation.Options(5, true, true, 800);
    for (long seed = 42; seed < 47; seed++) {
      ClusterSimulation.Outcome first = new ClusterSimulation(seed, options).run();
      ClusterSimulation.Outcome second = new ClusterSimulation(seed, options).run();
      assertThat(second).isEqualTo(first);
    }
  }
}
