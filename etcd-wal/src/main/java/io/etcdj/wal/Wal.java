package io.etcdj.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.wal.walpb.Snapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: raft entries and hard state in etcd's segment files (format in {@code
 * package-info.java}, SPEC PER-010..030).
 *
 * <p>Life cycle, as etcd's: {@link #create} a new log, or {@link #open} an existing one at a
 * snapshot marker and call {@link #readAll()} once; after that the log appends with {@link #save}
 * and {@link #saveSnapshot}. {@link #openForRead} is for tools: no locks, no repair, no appends.
 *
 * <p>Thread-safety: not thread-safe. One thread owns a {@code Wal} (in the server, the raft loop
 * thread that persists each Ready).
 */
public final class Wal implements Closeable {
  /** Named as etcd's capnslog package, which its lines print ({@code wal: ...}). */
  private static final Logger LOG = LoggerFactory.getLogger("wal");

  private final Path dir;
  private final WalConfig config;
  private final boolean writable;
  private final List<SegmentFile> segments; // oldest first; the last one is the tail
  private WalSnapshot start; // the marker readAll must find; null once read (or if created)
  private byte[] metadata;
  private HardState state = HardState.getDefaultInstance();
  private long lastIndex; // index of the last entry written (etcd's enti)
  private WalEncoder encoder; // null until the log may append
  private int nextTmp;
  private volatile LongConsumer syncListener = nanos -> {};

  private Wal(
      Path dir, WalConfig config, boolean writable, List<SegmentFile> segments, WalSnapshot at) {
    this.dir = dir;
    this.config = config;
    this.writable = writable;
    this.segments = new ArrayList<>(segments);
    this.start = at;
  }

  /** True if {@code dir} holds a WAL (at least one segment file). */
  public static boolean exists(Path dir) throws IOException {
    return SegmentFiles.exist(dir);
  }

  /**
   * Creates a WAL with etcd's 64,000,000-byte segments; see {@link #create(Path, byte[],
   * WalConfig)}.
   */
  public static Wal create(Path dir, byte[] metadata) throws IOException {
    return create(dir, metadata, WalConfig.DEFAULT);
  }

  /**
   * Creates a WAL in {@code dir} (which must not hold one), ready to append (PER-013): the first
   * segment is built in {@code <dir>.tmp} with a crc record, the metadata and the zero snapshot
   * marker, fsynced, and the directory renamed into place and fsynced.
   *
   * @param metadata an {@code etcdserverpb.Metadata}, repeated at the head of every segment
   */
  public static Wal create(Path dir, byte[] metadata, WalConfig config) throws IOException {
    if (exists(dir)) {
      throw new FileAlreadyExistsException(dir.toString(), null, "wal: file already exists");
    }
    Path absolute = dir.toAbsolutePath();
    Path tmpDir = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    deleteRecursively(tmpDir);
    Files.createDirectories(tmpDir, SegmentFiles.DIR_MODE);
    String firstName = new SegmentName(0, 0).fileName();
    SegmentFile first = SegmentFile.createLocked(tmpDir.resolve(firstName));
    try {
      SegmentFiles.preallocate(first.channel(), config.segmentSizeBytes());
      WalEncoder enc = new WalEncoder(first.channel(), 0, 0);
      enc.encode(RecordType.CRC, null);
      enc.encode(RecordType.METADATA, metadata);
      enc.encode(RecordType.SNAPSHOT, WalRecords.snapshot(WalSnapshot.ZERO));
      enc.flush();
      first.channel().force(false);
      Files.deleteIfExists(absolute); // an empty directory only: never someone else's files
      Files.move(tmpDir, absolute, StandardCopyOption.ATOMIC_MOVE);
      first.relocated(absolute.resolve(firstName));
      SegmentFiles.fsyncDir(absolute.getParent());
      Wal wal = new Wal(dir, config, true, List.of(first), null);
      wal.metadata = metadata;
      wal.encoder = enc;
      return wal;
    } catch (IOException | RuntimeException e) {
      first.close();
      throw e;
    }
  }

  /** Opens the WAL for appending with etcd's segment size; call {@link #readAll()} next. */
  public static Wal open(Path dir, WalSnapshot snap) throws IOException {
    return open(dir, snap, WalConfig.DEFAULT);
  }

  /**
   * Opens the WAL at the snapshot marker {@code snap} for appending, locking the segments from the
   * last one that starts at or before {@code snap.index()} (PER-011, PER-030). Call {@link
   * #readAll()} next: it repairs a torn tail and positions the log for appends.
   */
  public static Wal open(Path dir, WalSnapshot snap, WalConfig config) throws IOException {
    return openAt(dir, snap, config, true);
  }

  /** Opens the WAL read-only, without locks; a torn tail is tolerated but not repaired. */
  public static Wal openForRead(Path dir, WalSnapshot snap) throws IOException {
    return openAt(dir, snap, WalConfig.DEFAULT, false);
  }

  private static Wal openAt(Path dir, WalSnapshot snap, WalConfig config, boolean writable)
      throws IOException {
    List<SegmentFile> files = new ArrayList<>();
    try {
      for (SegmentName name : SegmentFiles.select(dir, snap.index())) {
        Path p = dir.resolve(name.fileName());
        files.add(writable ? SegmentFile.openLocked(p) : SegmentFile.openReadOnly(p));
      }
    } catch (IOException | RuntimeException e) {
      closeAll(files);
      throw e;
    }
    return new Wal(dir, config, writable, files, snap);
  }

  /**
   * Reads the log once after {@link #open} (PER-025): the metadata, the last hard state and the
   * entries after the snapshot marker; an entry replaces every collected entry at or after its
   * index (the log was overwritten after a leader change). The marker must be present.
   *
   * <p>A torn tail in the last segment is cut off ({@link WalRepair}); any other damage throws
   * {@link WalCorruptException}.
   */
  public WalContents readAll() throws IOException {
    if (start == null) {
      throw new IllegalStateException("wal: readAll is only allowed once, after open");
    }
    WalDecoder decoder = new WalDecoder(segments);
    byte[] meta = null;
    HardState st = HardState.getDefaultInstance();
    List<Entry> entries = new ArrayList<>();
    boolean match = false;
    for (WalDecoder.Decoded r = decoder.next(); r != null; r = decoder.next()) {
      try {
        switch (r.type()) {
          case ENTRY -> {
            // Entries up to the snapshot are already in it: their CRC has been checked, and only
            // their index is read, not the whole entry (most of a restart's WAL).
            long index = r.entryIndex();
            if (index > start.index()) {
              Entry e = Entry.parseFrom(r.dataBuffer());
              long keep = index - start.index() - 1;
              if (keep > entries.size()) {
                throw new WalCorruptException(
                    r.file().path(), r.offset(), "wal: entry " + index + " leaves a gap");
              }
              entries.subList((int) keep, entries.size()).clear();
              entries.add(e);
            }
            lastIndex = index;
          }
          case STATE -> st = HardState.parseFrom(r.dataBuffer());
          case METADATA -> {
            if (meta != null && !Arrays.equals(meta, r.data())) {
              throw new WalCorruptException(
                  r.file().path(), r.offset(), "wal: conflicting metadata found");
            }
            meta = r.data();
          }
          case CRC -> {
            // A fresh decoder starts at 0 and cannot check the first crc record (PER-020).
            if (decoder.crc() != 0 && decoder.crc() != r.crc()) {
              throw new WalCorruptException(r.file().path(), r.offset(), "wal: crc mismatch");
            }
            decoder.resetCrc(r.crc());
          }
          case SNAPSHOT -> {
            Snapshot s = Snapshot.parseFrom(r.dataBuffer());
            if (s.getIndex() == start.index()) {
              if (s.getTerm() != start.term()) {
                throw new IOException("wal: snapshot mismatch: " + s.getTerm() + " != " + start);
              }
              match = true;
            }
          }
        }
      } catch (InvalidProtocolBufferException e) {
        throw new WalCorruptException(
            r.file().path(), r.offset(), "wal: bad " + r.type() + " record: " + e.getMessage());
      }
    }
    if (writable) {
      if (decoder.tornTail()) {
        WalRepair.truncateTornTail(tail(), decoder.lastValidOffset());
      }
      SegmentFiles.zeroToEnd(tail().channel(), decoder.lastValidOffset());
    }
    if (!match) {
      throw new IOException("wal: snapshot not found: " + start);
    }
    start = null;
    metadata = meta;
    state = st;
    if (writable) {
      encoder = new WalEncoder(tail().channel(), decoder.lastValidOffset(), decoder.crc());
    }
    return new WalContents(meta, st, entries);
  }

  /**
   * Appends entries and then the hard state (PER-022). The caller passes a whole Ready at once: one
   * fdatasync covers all of it (group commit), and it has returned before this does. As in etcd, a
   * call that only moves the commit index is not synced (a lost commit index is learnt again from
   * the leader); entries or a new term or vote always are.
   */
  public void save(HardState hardState, List<Entry> entries) throws IOException {
    requireAppendable();
    boolean emptyState = WalRecords.isEmpty(hardState);
    if (emptyState && entries.isEmpty()) {
      return;
    }
    boolean mustSync =
        !entries.isEmpty()
            || hardState.getVote() != state.getVote()
            || hardState.getTerm() != state.getTerm();
    try {
      for (Entry e : entries) {
        encoder.encode(RecordType.ENTRY, WalRecords.entry(e)); // flushes a large backlog early
        lastIndex = e.getIndex();
      }
      if (!emptyState) {
        state = hardState;
        encoder.encode(RecordType.STATE, WalRecords.hardState(hardState));
      }
      if (encoder.offset() < config.segmentSizeBytes()) {
        if (mustSync) {
          sync();
        }
        return;
      }
      cut();
    } catch (IOException e) {
      throw GoPathError.wrap("write", tail().path(), e);
    }
  }

  /**
   * Records that a snapshot at {@code snap} is durable; call it after the {@code .snap} file was
   * saved (PER-023). Synced before returning.
   */
  public void saveSnapshot(WalSnapshot snap) throws IOException {
    requireAppendable();
    try {
      encoder.encode(RecordType.SNAPSHOT, WalRecords.snapshot(snap));
    } catch (IOException e) {
      throw GoPathError.wrap("write", tail().path(), e);
    }
    lastIndex = Math.max(lastIndex, snap.index());
    sync();
  }

  /**
   * Unlocks the segments that hold only entries below {@code index}, so that a purge can delete
   * them (PER-030, PER-049); the segment that may hold {@code index} stays locked.
   */
  public void releaseLockTo(long index) throws IOException {
    int firstNeeded = segments.size() - 1;
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).name().index() >= index) {
        firstNeeded = i - 1;
        break;
      }
    }
    if (firstNeeded <= 0) {
      return;
    }
    List<SegmentFile> released = segments.subList(0, firstNeeded);
    closeAll(released);
    released.clear();
  }

  /** Syncs pending records, then unlocks and closes every segment. Idempotent. */
  @Override
  public void close() throws IOException {
    try {
      if (encoder != null && !segments.isEmpty()) {
        sync();
      }
    } finally {
      encoder = null;
      start = null;
      closeAll(segments);
      segments.clear();
    }
  }

  /** The index of the last entry written or marked by a snapshot. */
  public long lastIndex() {
    return lastIndex;
  }

  /**
   * Starts the next segment once the tail reached the segment size (PER-021, PER-022): the tail is
   * truncated at its end and synced; the new segment is prepared in a preallocated temp file (crc
   * of the chain so far, metadata, hard state), synced, renamed to {@code
   * <seq+1>-<lastIndex+1>.wal}, and the directory synced.
   */
  private void cut() throws IOException {
    long end = encoder.offset();
    encoder.flush();
    tail().channel().truncate(end);
    tail().channel().force(false);
    Path target = dir.resolve(new SegmentName(tail().name().seq() + 1, lastIndex + 1).fileName());
    Path tmp = dir.resolve((nextTmp++ % 2) + ".tmp");
    Files.deleteIfExists(tmp);
    SegmentFile next = SegmentFile.createLocked(tmp);
    try {
      SegmentFiles.preallocate(next.channel(), config.segmentSizeBytes());
      WalEncoder enc = new WalEncoder(next.channel(), 0, encoder.crc());
      enc.encode(RecordType.CRC, null);
      enc.encode(RecordType.METADATA, metadata);
      if (!WalRecords.isEmpty(state)) {
        enc.encode(RecordType.STATE, WalRecords.hardState(state));
      }
      enc.flush();
      next.channel().force(false);
      next.renameTo(target);
      SegmentFiles.fsyncDir(dir);
      segments.add(next);
      encoder = enc;
    } catch (IOException e) {
      next.close();
      throw GoPathError.wrap("write", tmp, e);
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    LOG.info("created a new WAL segment {}", target);
  }

  /**
   * Tells {@code listener} how long each sync of appended records took, in nanoseconds (write and
   * fdatasync together), on the thread that synced. Replaces any listener set before.
   */
  public void onSync(LongConsumer listener) {
    syncListener = listener;
  }

  private void sync() throws IOException {
    long start = System.nanoTime();
    try {
      encoder.flush();
    } catch (IOException e) {
      throw GoPathError.wrap("write", tail().path(), e);
    }
    try {
      tail().channel().force(false); // fdatasync: data and the size, not the mtime
    } catch (IOException e) {
      throw GoPathError.wrap("sync", tail().path(), e);
    }
    syncListener.accept(System.nanoTime() - start);
  }

  private SegmentFile tail() {
    return segments.get(segments.size() - 1);
  }

  private void requireAppendable() {
    if (!writable || encoder == null) {
      throw new IllegalStateException("wal: not open for appending (call readAll after open)");
    }
  }

  private static void closeAll(List<SegmentFile> files) throws IOException {
    IOException first = null;
    for (SegmentFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
