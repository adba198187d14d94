package io.etcdj.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing children table behaves like a map (seeded, bounded random ops). */
class ChildTableTest {

  @Test
  void behavesLikeAMap() {
    SplittableRandom rnd = new SplittableRandom(42);
    ChildTable table = new ChildTable();
    Map<String, Node> model = new HashMap<>();

    for (int step = 0; step < 20_000; step++) {
      String name = "k" + rnd.nextInt(300);
      int op = rnd.nextInt(3);
      if (op == 0) {
        Node n = Node.newFile(name, "v" + step, step, Node.PERMANENT, 0);
        table.put(n);
        model.put(name, n);
      } else if (op == 1) {
        Node n = model.remove(name);
        if (n != null) {
          table.remove(n);
        }
      } else {
        assertThat(table.get(name)).isSameAs(model.get(name));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    assertThat(Arrays.asList(table.toArray())).containsExactlyInAnyOrderElementsOf(model.values());
    for (Node n : model.values()) {
      assertThat(table.get(n.name)).isSameAs(n);
    }
  }

  @Test
  void removeOfAStaleNodeKeepsTheCurrentOne() {

    ChildTable table = new ChildTable();
    Node old = Node.newFile("a", "1", 1, Node.PERMANENT, 0);
    Node current = Node.newFile("a", "2", 2, Node.PERMANENT, 0);
    table.put(old);
    table.put(current);
    table.remove(old);
    assertThat(table.get("a")).isSameAs(current);
    assertThat(table.size()).isEqualTo(1);
  }

  /** A copy (copy-on-write of a directory) finds its children after the original changes. */
  @Test
  void aCopyKeepsItsChildrenWhenTheOriginalChanges() {
    ChildTable table = new ChildTable();
    for (int i = 0; i < 100; i++) {
      table.put(Node.newFile("k" + i, "v", i, Node.PERMANENT, 0));
    }
    ChildTable copy = table.copy();
    for (int i = 0; i < 100; i += 2) {
      table.remove(table.get("k" + i));
    }
    for (int i = 100; i < 400; i++) {
      table.put(Node.newFile("k" + i, "v", i, Node.PERMANENT, 0)); // grows: a new slot array
    }
    assertThat(copy.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(copy.get("k" + i)).isNotNull();
      assertThat(table.get("k" + i) == null).isEqualTo(i % 2 == 0);
    }
    assertThat(copy.get("k100")).isNull();
  }
}
