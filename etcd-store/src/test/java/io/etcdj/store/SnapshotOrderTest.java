package io.etcdj.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Snapshot children come out in Go's order (UTF-8 bytes of the names) whatever the directory
 * size: the packed-prefix sort agrees with the plain comparison sort (seeded, bounded).
 */
class SnapshotOrderTest {
  private static final String ALPHABET = "\u0000ab_-.9zZ\u00e9\u00ff\u0100\u4e2d\ud83d\ude00\uffff";

  @Test
  void packedPrefixSortMatchesGoOrder() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int size : new int[] {0, 1, 63, 64, 65, 300, 5000, 70_000}) {
      for (boolean latin : new boolean[] {true, false}) {
        ChildTable table = new ChildTable();
        while (table.size() < size) {
          table.put(Node.newFile(name(rnd, latin), "", 1, Node.PERMANENT, 0));
        }
        Node[] expected = table.toArray();
        Arrays.sort(expected, (a, b) -> StorePath.compareGo(a.name, b.name));
        assertThat(SnapshotFormat.sortedChildren(table)).as("size %d", size).containsExactly(expected);
      }
    }
  }

  @Test
  void sharedLongPrefixesAndShortNames() {
    ChildTable table = new ChildTable();
    for (int i = 0; i < 2000; i++) {
      table.put(Node.newFile("k" + i, "", 1, Node.PERMANENT, 0));
      table.put(Node.newFile("longcommonprefix" + i, "", 1, Node.PERMANENT, 0));
    }
    for (String s : new String[] {"", "a", "a\u0000", "a\u0000\u0000b", "k", "\u00ff"}) {
      table.put(Node.newFile(s, "", 1, Node.PERMANENT, 0));
    }
    Node[] expected = table.toArray();
    Arrays.sort(expected, (a, b) -> StorePath.compareGo(a.name, b.name));
    assertThat(SnapshotFormat.sortedChildren(table)).containsExactly(expected);
  }

  private static String name(SplittableRandom rnd, boolean latin) {
    int len = rnd.nextInt(1, 10);
    int alphabet = latin ? 10 : ALPHABET.length();
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      char c = ALPHABET.charAt(rnd.nextInt(alphabet));
      b.append(c);
      if (Character.isHighSurrogate(c)) {
        b.append(ALPHABET.charAt(ALPHABET.indexOf(c) + 1));
      }
    }
    return b.toString();
  }
}
