package io.etcdj.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;

/**
 * A benchmark, not a test: heap bytes per key and single-thread throughput of the store.
 *
 * <pre>
 * mvn -q -B -o -pl etcd-store test-compile
 * java -Xmx2g -cp etcd-store/target/classes:etcd-store/target/test-classes:$JACKSON \
 *   io.etcdj.store.StoreBench 1000000
 * </pre>
 *
 * Keys are {@code /1/bench/k<n>} with 256-byte values, as in the project's memory target.
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    char[] fill = new char[256];
    Arrays.fill(fill, 'x');

    long base = usedHeap();
    Store store = new Store(Clock.systemUTC(), "/0", "/1");
    long t0 = System.nanoTime();
    for (int i = 0; i < keys; i++) {
      // A distinct value per key, as values parsed from requests are.
      store.set("/1/bench/k" + i, false, new String(fill), TtlOptions.PERMANENT);
    }
    long t1 = System.nanoTime();
    long used = usedHeap() - base;
    System.out.printf(
        "%d keys: %.1f bytes/key on the heap (history included), set %.0f ops/s%n",
        keys, (double) used / keys, keys / ((t1 - t0) / 1e9));

    int gets = Math.max(keys, 1_000_000);
    long t2 = System.nanoTime();
    long sink = 0;
    for (int i = 0; i < gets; i++) {
      sink += store.get("/1/bench/k" + (i % keys), false, false).etcdIndex();
    }
    long t3 = System.nanoTime();
    System.out.printf("get %.0f ops/s (%d)%n", gets / ((t3 - t2) / 1e9), sink & 1);

    long t4 = System.nanoTime();
    StoreSnapshot view = store.snapshotView();
    long t5 = System.nanoTime();
    store.set("/1/bench/k0", false, "after", TtlOptions.PERMANENT);
    long t6 = System.nanoTime();
    CountingStream out = new CountingStream();
    view.writeTo(out);
    long t7 = System.nanoTime();
    System.out.printf(
        "snapshotView %.3f ms, first write after it %.3f ms, JSON %d MB in %.0f ms%n",
        (t5 - t4) / 1e6, (t6 - t5) / 1e6, out.count >> 20, (t7 - t6) / 1e6);
    for (int round = 0; round < 3; round++) {
      long t8 = System.nanoTime();
      long c8 = cpuNanos();
      CountingStream again = new CountingStream();
      store.snapshotView().writeTo(again);
      System.out.printf(
          "save again: %.0f ms (%.0f ms CPU)%n",
          (System.nanoTime() - t8) / 1e6, (cpuNanos() - c8) / 1e6);
    }
    if (store.index() < 0) {
      System.out.println(view.index());
    }

    // Restart: the saved JSON back into a fresh store, as a member does from its .snap.
    byte[] json = store.save();
    store = null;
    view = null;
    for (int round = 0; round < 3; round++) {
      Store fresh = new Store(Clock.systemUTC(), "/0", "/1");
      long before = usedHeap();
      long t9 = System.nanoTime();
      long c9 = cpuNanos();
      fresh.recover(json);
      long t10 = System.nanoTime();
      long c10 = cpuNanos();
      long after = usedHeap();
      System.out.printf(
          "recover %d MB: %.0f ms (%.0f ms CPU), %.1f bytes/key on the heap after it%n",
          json.length >> 20, (t10 - t9) / 1e6, (c10 - c9) / 1e6, (double) (after - before) / keys);
      if (fresh.index() < 0) {
        System.out.println(fresh.index());
      }
    }
  }

  /** Counts bytes and drops them, so the measure is the serializer alone. */
  private static final class CountingStream extends java.io.OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** This thread's CPU time: steadier than wall time on a loaded machine (GC threads excluded). */
  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
