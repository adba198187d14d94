package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.entry;
import static io.etcdj.raft.RaftFixtures.storageWithTerms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.Entry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The raft log: the append rule of Raft §5.3 and the stable/unstable split. */
class RaftLogTest {

  record MaybeAppendRow(long index, long logTerm, long commit, List<Entry> ents, long wantLast,
      long wantCommit) {}

  static Stream<MaybeAppendRow> maybeAppendRows() {
    // The log holds terms [1, 2, 3]; commit is 1.
    return Stream.of(
        new MaybeAppendRow(3, 2, 3, List.of(entry(4, 4)), -1, 1), // term mismatch
        new MaybeAppendRow(4, 3, 3, List.of(entry(5, 4)), -1, 1), // gap
        new MaybeAppendRow(3, 3, 3, List.of(), 3, 3),
        new MaybeAppendRow(3, 3, 4, List.of(), 3, 3), // commit capped by last new entry
        new MaybeAppendRow(3, 3, 2, List.of(), 3, 2),
        new MaybeAppendRow(3, 3, 4, List.of(entry(4, 4)), 4, 4),
        new MaybeAppendRow(1, 1, 4, List.of(entry(2, 4)), 2, 2), // conflict replaces tail
        new MaybeAppendRow(2, 2, 3, List.of(entry(3, 3)), 3, 3)); // already present
  }

  @ParameterizedTest
  @MethodSource("maybeAppendRows")
  void maybeAppendFollowsTheAppendRule(MaybeAppendRow row) {
    RaftLog log = new RaftLog(storageWithTerms(1, 2, 3), Long.MAX_VALUE);
    log.commitTo(1);
    assertThat(log.maybeAppend(row.index(), row.logTerm(), row.commit(), row.ents()))
        .isEqualTo(row.wantLast());
    assertThat(log.committed()).isEqualTo(row.wantCommit());
    if (row.wantLast() >= 0) {
      assertThat(log.lastIndex()).isEqualTo(row.wantLast());
    }
  }

  @Test
  void conflictWithCommittedEntryIsFatal() {
    RaftLog log = new RaftLog(storageWithTerms(1, 2, 3), Long.MAX_VALUE);
    log.commitTo(2);
    assertThatThrownBy(() -> log.maybeAppend(1, 1, 3, List.of(entry(2, 4))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void findConflictByTermSkipsHigherTerms() {
    RaftLog log = new RaftLog(storageWithTerms(1, 2, 2, 5, 5, 5), Long.MAX_VALUE);
    assertThat(log.findConflictByTerm(6, 3)).isEqualTo(3);
    assertThat(log.findConflictByTerm(6, 5)).isEqualTo(6);
    assertThat(log.findConflictByTerm(6, 1)).isEqualTo(1);
    assertThat(log.findConflictByTerm(9, 1)).isEqualTo(9);
  }

  @Test
  void stableToReleasesPersistedUnstableEntries() {
    RaftLog log = new RaftLog(new MemoryStorage(), Long.MAX_VALUE);
    log.append(List.of(entry(1, 1), entry(2, 1)));
    assertThat(log.unstableEntries()).hasSize(2);
    log.stableTo(1, 1);
    assertThat(log.unstableEntries()).extracting(Entry::getIndex).containsExactly(2L);
    // A stale acknowledgement (the entry was replaced by another term) changes nothing.
    log.stableTo(2, 9);
    assertThat(log.unstableEntries()).hasSize(1);
  }

  @Test
  void nextEntsAreCommittedButUnapplied() {
    RaftLog log = new RaftLog(storageWithTerms(1, 1, 1), Long.MAX_VALUE);
    log.append(List.of(entry(4, 1)));
    log.commitTo(4);
    log.appliedTo(1);
    assertThat(log.nextEnts()).extracting(Entry::getIndex).containsExactly(2L, 3L, 4L);
    log.appliedTo(4);
    assertThat(log.hasNextEnts()).isFalse();
  }

  @Test
  void termIsUnknownOutsideTheLog() {
    RaftLog log = new RaftLog(storageWithTerms(1, 2), Long.MAX_VALUE);
    assertThat(log.term(0)).isZero();
    assertThat(log.term(2)).isEqualTo(2);
    assertThat(log.term(3)).isEqualTo(-1);
  }
}
