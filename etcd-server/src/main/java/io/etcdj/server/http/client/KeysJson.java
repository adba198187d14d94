package io.etcdj.server.http.client;

import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.NodeExtern;
import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.OutputStream;

/**
 * The keys API's JSON: the store's event and error JSON ({@link V2Json}), followed by the newline
 * Go's encoder adds (SPEC KEY-090, ERR-001), with the {@code /1} store prefix trimmed (KEY-005).
 *
 * <p>Thread-safety: stateless.
 */
final class KeysJson {
  static final String TRIM_PREFIX = KeysRequestParser.STORE_KEYS_PREFIX;

  private KeysJson() {}

  static void writeEvent(Event event, ByteBuf out) {
    OutputStream os = new ByteBufOutputStream(out);
    V2Json.writeEvent(event, TRIM_PREFIX, os);
    out.writeByte('\n');
  }

  /**
   * A buffer size that fits the JSON of an event on one key (the common answer), so that writing it
   * does not reallocate: the fixed fields and both nodes' keys and values. A listing grows.
   */
  static int sizeHint(Event event) {
    return 192 + nodeSize(event.node()) + nodeSize(event.prevNode());
  }

  private static int nodeSize(NodeExtern node) {
    if (node == null) {
      return 0;
    }
    return 96 + node.key().length() + (node.value() == null ? 0 : node.value().length() * 9 / 8);
  }

  static void writeError(EtcdException error, ByteBuf out) {
    OutputStream os = new ByteBufOutputStream(out);
    V2Json.writeError(error, TRIM_PREFIX, os);
    out.writeByte('\n');
  }
}
