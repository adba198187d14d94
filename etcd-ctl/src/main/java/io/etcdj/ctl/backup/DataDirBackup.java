package io.etcdj.ctl.backup;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalContents;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.snap.Snapshotter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Copies a member's data into a backup that starts a new single-member cluster (CTL-080), as
 * etcdctl v2's {@code backup} does: the newest snapshot is copied; the WAL after it is rewritten
 * with fresh member and cluster IDs (so the copy can never rejoin the old cluster), without
 * membership changes (ConfChange entries) and without members' attribute updates, the remaining
 * entries renumbered consecutively and the commit index lowered by as many entries. Start the copy
 * with {@code --force-new-cluster}.
 *
 * <p>Not thread-safe: one backup at a time per instance.
 */
public final class DataDirBackup {
  /** Unanchored like etcd's check: an attributes PUT of any member (hex ID). */
  private static final Pattern MEMBER_ATTRIBUTES =
      Pattern.compile("/0/members/[0-9A-Fa-f]{1,16}/attributes");

  private final Consumer<String> log;

  /**
   * @param log receives the lines etcdctl logs for each dropped entry
   */
  public DataDirBackup(Consumer<String> log) {
    this.log = log;
  }

  /**
   * Backs up the snapshot directory {@code srcSnap} and WAL directory {@code srcWal} into {@code
   * destSnap} and {@code destWal}; {@code nowMillis} seeds the new IDs.
   */
  public void backup(Path srcSnap, Path srcWal, Path destSnap, Path destWal, long nowMillis)
      throws IOException {
    Files.createDirectories(destSnap);
    WalSnapshot walSnap = WalSnapshot.ZERO;
    Optional<Snapshot> snapshot =
        Files.isDirectory(srcSnap) ? new Snapshotter(srcSnap).load() : Optional.empty();
    if (snapshot.isPresent()) {
      Snapshot s = snapshot.get();
      walSnap = new WalSnapshot(s.getMetadata().getIndex(), s.getMetadata().getTerm());
      new Snapshotter(destSnap).save(s);
    }
    WalContents contents;
    try (Wal w = Wal.openForRead(srcWal, walSnap)) {
      contents = w.readAll();
    }
    List<Entry> kept = new ArrayList<>();
    long removed = 0;
    for (Entry e : contents.entries()) {
      if (e.getType() == EntryType.EntryConfChange) {
        log.accept("ignoring EntryConfChange raft entry");
        removed++;
        continue;
      }
      String path = memberAttributesPath(e);
      if (path != null) {
        log.accept("ignoring member attribute update on " + path);
        removed++;
        continue;
      }
      kept.add(e.toBuilder().setIndex(e.getIndex() - removed).build());
    }
    HardState state =
        contents.hardState().toBuilder()
            .setCommit(contents.hardState().getCommit() - removed)
            .build();
    // etcd's ID generator with member 0: 40 bits of milliseconds, then an 8-bit counter.
    long base = (nowMillis & ((1L << 40) - 1)) << 8;
    byte[] metadata = metadata(base + 1, base + 2);
    try (Wal w = Wal.create(destWal, metadata)) {
      w.save(state, kept);
      w.saveSnapshot(walSnap);
    }
  }

  /** The path of a v2 {@code PUT} of member attributes in {@code e}, or null for anything else. */
  static String memberAttributesPath(Entry e) {
    if (e.getType() != EntryType.EntryNormal || e.getData().isEmpty()) {
      return null;
    }
    String method = null;
    String path = null;
    try {
      CodedInputStream in = e.getData().newCodedInput();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case (2 << 3) | 2 -> method = in.readStringRequireUtf8();
          case (3 << 3) | 2 -> path = in.readStringRequireUtf8();
          default -> in.skipField(tag);
        }
      }
    } catch (IOException notARequest) {
      return null;
    }
    if ("PUT".equals(method) && path != null && MEMBER_ATTRIBUTES.matcher(path).find()) {
      return path;
    }
    return null;
  }

  /** {@code etcdserverpb.Metadata{NodeID = 1, ClusterID = 2}} (PER-068). */
  static byte[] metadata(long nodeId, long clusterId) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    out.writeUInt64(1, nodeId);
    out.writeUInt64(2, clusterId);
    out.flush();
    return buf.toByteArray();
  }

  /** Reads {@code (NodeID, ClusterID)} from WAL metadata. */
  static long[] readMetadata(byte[] metadata) throws IOException {
    long[] ids = new long[2];
    CodedInputStream in = ByteString.copyFrom(metadata).newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 1 << 3 -> ids[0] = in.readUInt64();
        case 2 << 3 -> ids[1] = in.readUInt64();
        default -> in.skipField(tag);
      }
    }
    return ids;
  }
}
