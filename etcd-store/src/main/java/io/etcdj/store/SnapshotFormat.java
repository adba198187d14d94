package io.etcdj.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * etcd's v2 store snapshot JSON (SPEC PER-045..047), written with Go's field names and order:
 *
 * <pre>
 * {"Root":node,"WatcherHub":{"EventHistory":{"Queue":{"Events":[...],"Size":n,"Front":f,
 *  "Back":b,"Capacity":c},"StartIndex":s,"LastIndex":l}},"CurrentIndex":i,"Stats":{...},
 *  "CurrentVersion":2}
 * node = {"Path":p,"CreatedIndex":c,"ModifiedIndex":m,"ExpireTime":t,"Value":v,"Children":x}
 * </pre>
 *
 * Children are {@code null} for files and an object sorted by name for directories (Go sorts map
 * keys); permanent nodes have Go's zero time; history events are in HTTP shape with internal keys,
 * empty ring slots {@code null}. Reading is {@link SnapshotReader}.
 *
 * <p>Thread-safety: stateless; the caller holds the store lock while the tree is written.
 */
final class SnapshotFormat {
  static final int VERSION = 2;

  /** What a snapshot holds, once decoded. */
  record Recovered(
      Node root, EventHistory history, long currentIndex, StoreStats stats, int version) {}

  private SnapshotFormat() {}

  static void writeTo(
      OutputStream out,
      Node root,
      EventHistory history,
      long currentIndex,
      long[] statValues,
      int version)
      throws IOException {
    JsonOutput json = new JsonOutput(out, 8192);
    json.ascii("{\"Root\":");
    node(json, root, "/");
    json.ascii(",\"WatcherHub\":{\"EventHistory\":{\"Queue\":{\"Events\":[");
    Event[] events = history.events;
    for (int i = 0; i < events.length; i++) {
      if (i > 0) {
        json.raw(',');
      }
      if (events[i] == null) {
        json.ascii("null");
      } else {
        V2Json.event(json, events[i], null, true);
      }
    }
    json.ascii("],\"Size\":").number(history.size);
    json.ascii(",\"Front\":").number(history.front);
    json.ascii(",\"Back\":").number(history.back);
    json.ascii(",\"Capacity\":").number(history.capacity());
    json.ascii("},\"StartIndex\":").unsigned(history.startIndex);
    json.ascii(",\"LastIndex\":").unsigned(history.lastIndex);
    json.ascii("}},\"CurrentIndex\":").unsigned(currentIndex);
    json.ascii(",\"Stats\":");
    StoreStats.writeTo(json, statValues);
    json.ascii(",\"CurrentVersion\":").number(version).raw('}');
    json.drain();
  }

  static byte[] statsJson(StoreStats stats) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      JsonOutput json = new JsonOutput(out, 512);
      StoreStats.writeTo(json, stats.values());
      json.drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Recovered read(byte[] json) {
    return SnapshotReader.read(json);
  }

  static Recovered read(InputStream json) {
    return SnapshotReader.read(json);
  }

  private static final Comparator<Node> BY_NAME = (a, b) -> StorePath.compareGo(a.name, b.name);

  /**
   * The children in Go's map key order (UTF-8 bytes of the names), as json.Marshal writes them.
   * Comparing names costs a cache miss per string in a large directory, so the first chars of each
   * name (when below U+0100, whose order is their UTF-8 order) are packed with the child's
   * position into a long and those are sorted as primitives; only names sharing that whole prefix
   * are then compared in full.
   */
  static Node[] sortedChildren(ChildTable children) {
    Node[] kids = children.toArray();
    int n = kids.length;
    if (n < 64) {
      Arrays.sort(kids, BY_NAME);
      return kids;
    }
    int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
    int prefixChars = (Long.SIZE - indexBits) / 8;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      String name = kids[i].name;
      long prefix = 0;
      for (int c = 0; c < prefixChars; c++) {
        // A name shorter than the prefix pads with 0: it still sorts before its extensions, and
        // a tie with a real U+0000 is settled by the full comparison below.
        int ch = c < name.length() ? name.charAt(c) : 0;
        if (ch > 0xFF) {
          Arrays.sort(kids, BY_NAME);
          return kids;
        }
        prefix = (prefix << 8) | ch;
      }
      // Flipping the sign bit makes the signed sort an unsigned one.
      keys[i] = ((prefix << indexBits) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys);
    long indexMask = (1L << indexBits) - 1;
    Node[] out = new Node[n];
    for (int i = 0; i < n; i++) {
      out[i] = kids[(int) (keys[i] & indexMask)];
    }
    int runStart = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (keys[i] >>> indexBits) != (keys[runStart] >>> indexBits)) {
        if (i - runStart > 1) {
          Arrays.sort(out, runStart, i, BY_NAME);
        }
        runStart = i;
      }
    }
    return out;
  }

  private static void node(JsonOutput json, Node n, String path) throws IOException {
    json.ascii("{\"Path\":").string(path);
    json.ascii(",\"CreatedIndex\":").unsigned(n.createdIndex);
    json.ascii(",\"ModifiedIndex\":").unsigned(n.modifiedIndex);
    json.ascii(",\"ExpireTime\":\"");
    json.ascii(n.isPermanent() ? GoTime.ZERO : GoTime.format(n.expiration()));
    json.ascii("\",\"Value\":").string(n.value);
    json.ascii(",\"Children\":");
    if (!n.isDir()) {
      json.ascii("null}");
      return;
    }
    Node[] kids = sortedChildren(n.children);
    json.raw('{');
    for (int i = 0; i < kids.length; i++) {
      if (i > 0) {
        json.raw(',');
      }
      json.string(kids[i].name).raw(':');
      node(json, kids[i], StorePath.join(path, kids[i].name));
    }
    json.ascii("}}");
  }
}
