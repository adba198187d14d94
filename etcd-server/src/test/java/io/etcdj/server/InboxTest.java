package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raft loop's queue: order per producer, no lost wake-ups, an empty poll times out. */
class InboxTest {
  @Test
  void emptyPollReturnsNullAfterItsWait() throws InterruptedException {
    Inbox inbox = new Inbox();
    assertThat(inbox.poll(0)).isNull();
    assertThat(inbox.poll(TimeUnit.MILLISECONDS.toNanos(5))).isNull();
    assertThat(inbox.isEmpty()).isTrue();
  }

  @Test
  void drainKeepsOrderAndStopsAtMax() throws InterruptedException {
    Inbox inbox = new Inbox();
    for (int i = 0; i < 5; i++) {
      inbox.add(i);
    }
    assertThat(inbox.poll(0)).isEqualTo(0);
    List<Object> batch = new ArrayList<>();
    inbox.drainTo(batch, 3);
    assertThat(batch).containsExactly(1, 2, 3);
    assertThat(inbox.isEmpty()).isFalse();
  }

  /**
   * Producers hand items one at a time to a consumer that sleeps whenever the queue is empty: a
   * lost wake-up would leave an item behind until the consumer's ten-minute wait ran out, long
   * after the exchange's one-minute deadline (it takes well under a second).
   */
  @Test
  void everyItemWakesTheWaitingConsumer() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), InboxTest::exchange);
  }

  private static void exchange() throws InterruptedException {
    Inbox inbox = new Inbox();
    int producers = 3;
    int perProducer = 20_000;
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < perProducer; i++) {
                  inbox.add(new long[] {id, i});
                  if (i % 64 == 0) {
                    Thread.yield(); // let the consumer empty the queue and go to sleep
                  }
                }
              });
      threads.add(t);
    }
    threads.forEach(Thread::start);
    long[] next = new long[producers];
    int received = 0;
    while (received < producers * perProducer) {
      Object item = inbox.poll(TimeUnit.MINUTES.toNanos(10));
      if (item == null) {
        break;
      }
      long[] v = (long[]) item;
      assertThat(v[1]).as("order of producer %d", v[0]).isEqualTo(next[(int) v[0]]);
      next[(int) v[0]]++;
      received++;
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(received).isEqualTo(producers * perProducer);
  }
}
