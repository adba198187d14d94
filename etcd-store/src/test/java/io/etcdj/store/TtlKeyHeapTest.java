package io.etcdj.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TTL min-heap pops in expiration order through pushes, updates and removals. */
class TtlKeyHeapTest {

  @Test
  void popsInExpirationOrder() {
    SplittableRandom rnd = new SplittableRandom(7);
    TtlKeyHeap heap = new TtlKeyHeap();
    List<Node> live = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Node n = Node.newFile("k" + i, "", i, rnd.nextLong(1_000_000), 0);
      heap.push(n, "/k" + i);
      live.add(n);
    }
    for (int i = 0; i < 500; i++) {
      Node n = live.get(rnd.nextInt(live.size()));
      n.expireNanos = rnd.nextLong(1_000_000);
      heap.update(n);
    }
    for (int i = 0; i < 500; i++) {
      Node n = live.remove(rnd.nextInt(live.size()));
      heap.remove(n);
      heap.remove(n);
      assertThat(n.heapIndex).isEqualTo(-1);
    }
    assertThat(heap.size()).isEqualTo(live.size());
    long last = Long.MIN_VALUE;
    while (heap.top() != null) {
      Node n = heap.pop();
      assertThat(n.expireNanos).isGreaterThanOrEqualTo(last);
      last = n.expireNanos;
    }
  }
}
