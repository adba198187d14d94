package io.etcdj.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cheap snapshots (DESIGN "Snapshots must not stop the world"): a view taken with {@link
 * Store#snapshotView()} keeps showing the store as it was, whatever is written afterwards, and the
 * copy-on-write store behaves exactly like one that never snapshots.
 */
class SnapshotViewTest {

  /** Applies the same random operation to a store. */
  private static void randomOp(Store s, FakeClock clock, SplittableRandom rnd, int step) {
    String dir = "/1/d" + rnd.nextInt(4) + (rnd.nextBoolean() ? "/e" + rnd.nextInt(3) : "");
    String key = dir + "/k" + rnd.nextInt(6);
    TtlOptions ttl =
        rnd.nextInt(4) == 0
            ? new TtlOptions(clock.instant().plusSeconds(1 + rnd.nextInt(5)), false)
            : TtlOptions.PERMANENT;
    try {
      switch (rnd.nextInt(9)) {
        case 0, 1 -> s.set(key, false, "v" + step, ttl);
        case 2 -> s.update(key, "u" + step, ttl);
        case 3 -> s.compareAndSwap(key, "", 0, "c" + step, ttl);
        case 4 -> s.delete(rnd.nextBoolean() ? key : dir, true, true);
        case 5 -> s.create(dir, rnd.nextBoolean(), "q" + step, true, ttl);
        case 6 -> s.update(dir, "", ttl);
        case 7 -> s.compareAndDelete(key, "", 0);
        default -> s.set(dir + "/_h", false, "hidden" + step, ttl);
      }
    } catch (EtcdException expected) {
      // Failures are part of the sequence; both stores fail alike.
    }
  }

  @Test
  void viewsAreFrozenAndWritesBehaveAsWithoutSnapshots() throws Exception {
    FakeClock clock = new FakeClock();
    Store cow = new Store(clock, "/0", "/1");
    Store plain = new Store(clock, "/0", "/1");
    SplittableRandom rnd = new SplittableRandom(2026);
    List<StoreSnapshot> views = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int step = 0; step < 3000; step++) {
      long seed = rnd.nextLong();
      randomOp(cow, clock, new SplittableRandom(seed), step);
      randomOp(plain, clock, new SplittableRandom(seed), step);
      if (step % 97 == 0) {
        clock.advance(Duration.ofSeconds(1));
        cow.deleteExpiredKeys(clock.instant());
        plain.deleteExpiredKeys(clock.instant());
      }
      if (step % 7 == 0) {
        // Extra freezes only on the copy-on-write twin, so the two copy at different times.
        cow.snapshotView();
      }
      if (step % 50 == 0) {
        views.add(cow.snapshotView());
        // What the view must show: the state of the never-snapshotted twin right now.
        expected.add(plainJson(plain));
      }
      assertThat(cow.index()).isEqualTo(plain.index());
      assertThat(cow.get("/1", true, true)).isEqualTo(plain.get("/1", true, true));
    }
    assertThat(cow.get("/", true, true)).isEqualTo(plain.get("/", true, true));
    for (int i = 0; i < views.size(); i++) {
      assertThat(new String(views.get(i).toByteArray(), UTF_8))
          .as("view " + i)
          .isEqualTo(expected.get(i));
    }
    cow.jsonStats();
    plain.jsonStats();
    assertThat(new String(cow.save(), UTF_8)).isEqualTo(plainJson(plain));
  }

  /** The twin's snapshot JSON (this freezes the twin too, but far less often). */
  private static String plainJson(Store plain) {
    return new String(plain.save(), UTF_8);
  }

  /** A view is written on another thread while the writer keeps writing. */
  @Test
  void viewIsWrittenWhileWritesGoOn() throws Exception {
    FakeClock clock = new FakeClock();
    Store store = new Store(clock, "/0", "/1");
    for (int i = 0; i < 5000; i++) {
      store.set("/1/dir" + (i % 10) + "/k" + i, false, "value" + i, TtlOptions.PERMANENT);
    }
    byte[] before = store.save();
    StoreSnapshot view = store.snapshotView();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<byte[]> written = pool.submit(view::toByteArray);
      for (int i = 0; i < 5000; i++) {
        store.set("/1/dir" + (i % 10) + "/k" + i, false, "changed" + i, TtlOptions.PERMANENT);
        if (i % 100 == 0) {
          store.delete("/1/dir" + (i % 10), true, true);
        }
      }
      assertThat(written.get(30, TimeUnit.SECONDS)).isEqualTo(before);
    } finally {
      pool.shutdownNow();
    }
    assertThat(view.index()).isEqualTo(5000);
    assertThat(view.toByteArray()).isEqualTo(before);
  }
}
