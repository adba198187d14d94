package io.etcdj.raft;

import static io.etcdj.raft.RaftFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory stable log: terms, slices, compaction, snapshots (Raft §7). */
class MemoryStorageTest {

  /** Entries 3, 4, 5 of terms 3, 4, 5 after a snapshot at 3. */
  private static MemoryStorage storage345() {
    MemoryStorage s = new MemoryStorage();
    s.applySnapshot(Snapshots.of(3, 3, ConfState.getDefaultInstance(), null));
    s.append(List.of(entry(4, 4), entry(5, 5)));
    return s;
  }

  @Test
  void termIsKnownFromTheSnapshotToTheLastEntry() {
    MemoryStorage s = storage345();
    assertThat(s.term(3)).isEqualTo(3);
    assertThat(s.term(5)).isEqualTo(5);
    assertThatThrownBy(() -> s.term(2)).isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).kind()).isEqualTo(StorageException.Kind.COMPACTED);
    assertThatThrownBy(() -> s.term(6)).extracting(e -> ((StorageException) e).kind())
        .isEqualTo(StorageException.Kind.UNAVAILABLE);
    assertThat(s.firstIndex()).isEqualTo(4);
    assertThat(s.lastIndex()).isEqualTo(5);
  }

  @Test
  void entriesAreLimitedBySizeButNeverEmpty() {
    MemoryStorage s = storage345();
    assertThat(s.entries(4, 6, Long.MAX_VALUE)).extracting(Entry::getIndex).containsExactly(4L, 5L);
    assertThat(s.entries(4, 6, 0)).extracting(Entry::getIndex).containsExactly(4L);
    long one = entry(4, 4).getSerializedSize();
    assertThat(s.entries(4, 6, 2 * one)).hasSize(2);
    assertThatThrownBy(() -> s.entries(3, 5, Long.MAX_VALUE)).isInstanceOf(StorageException.class);
  }

  @Test
  void compactKeepsTheTermOfTheCompactedIndex() {
    MemoryStorage s = storage345();
    s.compact(4);
    assertThat(s.firstIndex()).isEqualTo(5);
    assertThat(s.term(4)).isEqualTo(4);
    assertThatThrownBy(() -> s.compact(4)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> s.compact(9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendReplacesConflictingTailAndIgnoresCompactedPrefix() {
    MemoryStorage s = storage345();
    s.append(List.of(entry(3, 3), entry(4, 6), entry(5, 6), entry(6, 6)));
    assertThat(s.term(4)).isEqualTo(6);
    assertThat(s.lastIndex()).isEqualTo(6);
    s.append(List.of(entry(5, 7)));
    assertThat(s.lastIndex()).isEqualTo(5);
    assertThatThrownBy(() -> s.append(List.of(entry(9, 9))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createSnapshotRecordsTermAndConfiguration() {
    MemoryStorage s = storage345();
    ConfState cs = ConfState.newBuilder().addVoters(1).build();
    s.createSnapshot(5, cs, new byte[] {7});
    assertThat(Snapshots.term(s.snapshot())).isEqualTo(5);
    assertThat(s.initialState().confState()).isEqualTo(cs);
    assertThatThrownBy(() -> s.createSnapshot(4, cs, null)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> s.applySnapshot(Snapshots.of(4, 4, cs, null)))
        .isInstanceOf(StorageException.class);
  }
}
