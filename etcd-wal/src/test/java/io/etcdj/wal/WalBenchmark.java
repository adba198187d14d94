package io.etcdj.wal;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Durable write throughput and latency of {@link Wal#save} for batches of 1, 10 and 100 entries of
 * 256 bytes (one fdatasync per call), next to the disk's raw cost of writing 320 bytes and calling
 * fdatasync in a preallocated file. Run by hand (not a test):
 *
 * <pre>
 * java -cp etcd-wal/target/classes:etcd-wal/target/test-classes:$(cat etcd-wal/target/classpath.txt) \
 *     io.etcdj.wal.WalBenchmark /tmp/walbench [seconds-per-case]
 * </pre>
 */
public final class WalBenchmark {
  private WalBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path base = Path.of(args.length > 0 ? args[0] : "/tmp/walbench");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    deleteTree(base);
    Files.createDirectories(base);
    System.out.printf(
        "%-34s %9s %12s %10s %10s %10s%n",
        "case", "fsyncs", "entries/s", "MB/s", "p50 ms", "p99 ms");
    raw(base.resolve("raw-sparse"), false, seconds);
    raw(base.resolve("raw-zeroed"), true, seconds);
    for (int batch : new int[] {1, 10, 100}) {
      wal(base.resolve("wal-" + batch), batch, seconds);
    }
    deleteTree(base);
  }

  /** write(320 bytes) + fdatasync at increasing offsets of a preallocated file. */
  private static void raw(Path file, boolean zeroFilled, double seconds) throws IOException {
    long size = 64_000_000L;
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      if (zeroFilled) {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long off = 0; off < size; off += zeros.capacity()) {
          zeros.clear();
          ch.write(zeros, off);
        }
      } else {
        SegmentFiles.preallocate(ch, size); // sparse, like the WAL segments
      }
      ch.force(true);
      byte[] payload = new byte[320];
      new Random(1).nextBytes(payload);
      List<Long> lat = new ArrayList<>();
      long off = 0;
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < deadline && off + payload.length <= size) {
        long t0 = System.nanoTime();
        ch.write(ByteBuffer.wrap(payload), off);
        ch.force(false);
        lat.add(System.nanoTime() - t0);
        off += payload.length;
      }
      report(
          "raw 320 B + fdatasync (" + (zeroFilled ? "zero-filled" : "sparse") + ")", lat, 1, 320);
    }
  }

  /** Wal.save of {@code batch} entries of 256 bytes plus a hard state, one fsync per call. */
  private static void wal(Path dir, int batch, double seconds) throws IOException {
    byte[] data = new byte[256];
    new Random(2).nextBytes(data);
    ByteString payload = ByteString.copyFrom(data);
    List<Long> lat = new ArrayList<>();
    long index = 0;
    long bytesBefore;
    try (Wal wal = Wal.create(dir, new byte[] {8, 1, 16, 1})) {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < deadline) {
        List<Entry> entries = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          index++;
          entries.add(Entry.newBuilder().setTerm(1).setIndex(index).setData(payload).build());
        }
        HardState st = HardState.newBuilder().setTerm(1).setVote(1).setCommit(index).build();
        long t0 = System.nanoTime();
        wal.save(st, entries);
        lat.add(System.nanoTime() - t0);
      }
      bytesBefore = walBytes(dir);
    }
    report("Wal.save batch " + batch + " x 256 B", lat, batch, (double) bytesBefore / index);
  }

  private static long walBytes(Path dir) throws IOException {
    // Approximate bytes on disk per entry: frames written, from the encoder's view.
    long total = 0;
    for (Path p : WalFixtures.segments(dir)) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long last = 0;
        for (long off = 0; off < ch.size(); off += b.capacity()) {
          b.clear();
          int n = ch.read(b, off);
          for (int i = 0; i < n; i++) {
            if (b.get(i) != 0) {
              last = off + i + 1;
            }
          }
        }
        total += last;
      }
    }
    return total;
  }

  private static void report(String name, List<Long> latNanos, int perOp, double bytesPerUnit) {
    long[] sorted = latNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    double totalSec = Arrays.stream(sorted).sum() / 1e9;
    double units = (double) sorted.length * perOp;
    System.out.printf(
        "%-34s %9d %12.0f %10.2f %10.2f %10.2f%n",
        name,
        sorted.length,
        units / totalSec,
        units * bytesPerUnit / totalSec / 1e6,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
