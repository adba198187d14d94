package io.etcdj.wal;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.wal.serverpb.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test data and file helpers shared by the WAL tests. */
final class WalFixtures {
  static final byte[] METADATA =
      Metadata.newBuilder().setNodeID(0x1234).setClusterID(0x5678).build().toByteArray();

  private WalFixtures() {}

  /** An entry whose data (256 bytes) is derived from its index and term. */
  static Entry entry(long index, long term) {
    byte[] data = new byte[256];
    new Random(index * 31 + term).nextBytes(data);
    return Entry.newBuilder()
        .setType(EntryType.EntryNormal)
        .setTerm(term)
        .setIndex(index)
        .setData(ByteString.copyFrom(data))
        .build();
  }

  static List<Entry> entries(long from, long to, long term) {
    List<Entry> list = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      list.add(entry(i, term));
    }
    return list;
  }

  static HardState hardState(long term, long vote, long commit) {
    return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(commit).build();
  }

  /** The segment files in {@code dir}, in sequence order. */
  static List<Path> segments(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (SegmentName n : SegmentFiles.list(dir)) {
      out.add(dir.resolve(n.fileName()));
    }
    return out;
  }

  /** Copies the files (not subdirectories) of {@code from} into a new directory {@code to}. */
  static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Copies a classpath resource directory tree (the etcd fixtures) to {@code to}. */
  static void copyResource(String resourceDir, Path to) throws IOException {
    Path from;
    try {
      from = Path.of(WalFixtures.class.getResource(resourceDir).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
