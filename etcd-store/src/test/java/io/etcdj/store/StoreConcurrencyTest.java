package io.etcdj.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The concurrency contract of {@link Store}: one writer, readers and watch registrations and
 * removals on other threads at the same time. Listeners run on the writing thread.
 */
class StoreConcurrencyTest {

  @Test
  void readersAndWatchersRunAlongsideTheWriter() throws Exception {
    Store store = new Store(new FakeClock(), "/0", "/1");
    int writes = 20_000;
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong delivered = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> readers = new ArrayList<>();
      Thread[] writer = new Thread[1];
      for (int r = 0; r < 2; r++) {
        int id = r;
        readers.add(
            pool.submit(
                () -> {
                  long lastIndex = 0;
                  for (int i = 0; !done.get() && i < 10_000_000; i++) {
                    try {
                      long index = store.index();
                      assertThat(index).isGreaterThanOrEqualTo(lastIndex);
                      lastIndex = index;
                      if (id == 0) {
                        store.get("/1/k" + (i % 100), false, false);
                      } else {
                        Watcher w =
                            store.watch(
                                "/1/k" + (i % 100),
                                false,
                                i % 2 == 0,
                                0,
                                e -> {
                                  if (writer[0] != null && Thread.currentThread() != writer[0]) {
                                    failures.add(new AssertionError("listener off the writer"));
                                  }
                                  delivered.incrementAndGet();
                                });
                        if (i % 3 != 0) {
                          w.remove();
                        }
                      }
                    } catch (EtcdException expected) {
                      // 100 for keys not written yet
                    } catch (Throwable t) {
                      failures.add(t);
                      return;
                    }
                  }
                }));
      }
      Future<?> writing =
          pool.submit(
              () -> {
                writer[0] = Thread.currentThread();
                try {
                  for (int i = 0; i < writes; i++) {
                    store.set("/1/k" + (i % 100), false, "v" + i, TtlOptions.PERMANENT);
                    if (i % 1000 == 0) {
                      store.snapshotView().toByteArray();
                    }
                  }
                } catch (Throwable t) {
                  failures.add(t);
                } finally {
                  done.set(true);
                }
              });
      writing.get(60, TimeUnit.SECONDS);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(store.index()).isEqualTo(writes);
    assertThat(delivered.get()).isPositive();
  }
}
