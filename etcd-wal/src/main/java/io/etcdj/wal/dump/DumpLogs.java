package io.etcdj.wal.dump;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalContents;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.serverpb.Metadata;
import io.etcdj.wal.serverpb.Request;
import io.etcdj.wal.snap.Snapshotter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code etcd-dump-logs <data-dir>}: prints the newest snapshot, the WAL metadata and hard state,
 * and every entry after the snapshot, in the layout of etcd's tool of that name. Reads only: no
 * locks taken, no repair, broken snapshots skipped but not renamed.
 *
 * <p>Thread-safety: a command-line main, single-threaded.
 */
public final class DumpLogs {
  private DumpLogs() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: etcd-dump-logs <data-dir>");
      System.exit(2);
    }
    try {
      dump(Path.of(args[0]), System.out);
    } catch (java.nio.file.NoSuchFileException e) {
      System.err.println("etcd-dump-logs: no such file or directory: " + e.getMessage());
      System.exit(1);
    } catch (IOException | RuntimeException e) {
      System.err.println("etcd-dump-logs: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Writes the dump of {@code dataDir} to {@code out}. */
  public static void dump(Path dataDir, PrintStream out) throws IOException {
    Path member = dataDir.resolve("member");
    Optional<Snapshot> snapshot = newestSnapshot(member.resolve("snap"));
    WalSnapshot start = WalSnapshot.ZERO;
    out.println("Snapshot:");
    if (snapshot.isEmpty()) {
      out.println("empty");
    } else {
      var m = snapshot.get().getMetadata();
      start = new WalSnapshot(m.getIndex(), m.getTerm());
      String nodes =
          m.getConfState().getVotersList().stream()
              .map(Long::toHexString)
              .collect(Collectors.joining(" ", "[", "]"));
      out.printf("term=%d index=%d nodes=%s%n", m.getTerm(), m.getIndex(), nodes);
    }
    out.println("Start dumping log entries from snapshot.");
    WalContents wal;
    try (Wal w = Wal.openForRead(member.resolve("wal"), start)) {
      wal = w.readAll();
    }
    Metadata meta = Metadata.parseFrom(wal.metadata() == null ? new byte[0] : wal.metadata());
    HardState st = wal.hardState();
    out.println("WAL metadata:");
    out.printf(
        "nodeID=%x clusterID=%x term=%d commitIndex=%d vote=%x%n",
        meta.getNodeID(), meta.getClusterID(), st.getTerm(), st.getCommit(), st.getVote());
    out.println("WAL entries:");
    List<Entry> entries = wal.entries();
    long lastIndex = entries.isEmpty() ? start.index() : entries.get(entries.size() - 1).getIndex();
    out.printf("lastIndex=%d%n", lastIndex);
    out.printf("%4s\t%10s\ttype\tdata%n", "term", "index");
    for (Entry e : entries) {
      out.printf("%4d\t%10d\t%s%n", e.getTerm(), e.getIndex(), describe(e));
    }
    out.printf("%nEntry count: %d%n", entries.size());
  }

  /** The type column and the decoded payload of one entry (PER-031). */
  static String describe(Entry e) {
    try {
      if (e.getType() == EntryType.EntryConfChange) {
        ConfChange cc = ConfChange.parseFrom(e.getData());
        String ctx = cc.getContext().toStringUtf8();
        return String.format(
            "conf\tmethod=%s id=%x%s",
            cc.getType(), cc.getNodeID(), ctx.isEmpty() ? "" : " context=" + ctx);
      }
      if (e.getType() != EntryType.EntryNormal) {
        return "conf2\t(" + e.getData().size() + " bytes)";
      }
      if (e.getData().isEmpty()) {
        return "norm\tnoop"; // a new leader's empty entry
      }
      return "norm\t" + describe(Request.parseFrom(e.getData()));
    } catch (InvalidProtocolBufferException ex) {
      return (e.getType() == EntryType.EntryNormal ? "norm" : "conf") + "\t???";
    }
  }

  private static String describe(Request r) {
    StringBuilder b = new StringBuilder("method=").append(r.getMethod());
    switch (r.getMethod()) {
      case "SYNC" -> b.append(" time=").append(Instant.ofEpochSecond(0, r.getTime()));
      case "QGET", "GET", "DELETE" -> b.append(" path=").append(quote(r.getPath()));
      default ->
          b.append(" path=").append(quote(r.getPath())).append(" val=").append(quote(r.getVal()));
    }
    if (r.getDir()) {
      b.append(" dir=true");
    }
    if (!r.getPrevValue().isEmpty()) {
      b.append(" prevValue=").append(quote(r.getPrevValue()));
    }
    if (r.getPrevIndex() != 0) {
      b.append(" prevIndex=").append(r.getPrevIndex());
    }
    if (r.hasPrevExist()) {
      b.append(" prevExist=").append(r.getPrevExist());
    }
    if (r.getExpiration() != 0) {
      b.append(" expiration=").append(Instant.ofEpochSecond(0, r.getExpiration()));
    }
    if (r.getRecursive()) {
      b.append(" recursive=true");
    }
    if (r.hasRefresh() && r.getRefresh()) {
      b.append(" refresh=true");
    }
    return b.toString();
  }

  private static String quote(String s) {
    String shown = s.length() > 128 ? s.substring(0, 128) + "..." : s;
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  /** The newest snapshot that reads back intact; broken ones are skipped, never renamed. */
  private static Optional<Snapshot> newestSnapshot(Path snapDir) throws IOException {
    if (!Files.isDirectory(snapDir)) {
      return Optional.empty();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(snapDir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".snap"))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
    }
    for (Path p : files) {
      try {
        return Optional.of(Snapshotter.read(p));
      } catch (IOException e) {
        System.err.println("skipping snapshot " + p + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }
}
