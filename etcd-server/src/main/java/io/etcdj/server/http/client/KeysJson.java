package io.etcdj.server.http.client;

import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.NodeExtern;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The keys API's JSON: events and errors, followed by the newline Go's encoder adds (SPEC
 * KEY-090, ERR-001), with the {@code /1} store prefix trimmed (KEY-005).
 *
 * <p>Thread-safety: stateless.
 */
final class KeysJson {
  static final String TRIM_PREFIX = KeysRequestParser.STORE_KEYS_PREFIX;

  private KeysJson() {}

  static void writeEvent(Event event, ByteBuf out) {
    try (OutputStream os = new ByteBufOutputStream(out)) {
      TemporaryJson.writeEvent(event, TRIM_PREFIX, os);
      os.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeError(EtcdException error, ByteBuf out) {
    try (OutputStream os = new ByteBufOutputStream(out)) {
      TemporaryJson.writeError(error, TRIM_PREFIX, os);
      os.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** TEMPORARY until etcd-store's V2Json lands; then this class delegates to it. */
  private static final class TemporaryJson {
    static void writeEvent(Event e, String trim, OutputStream os) throws IOException {
      StringBuilder b = new StringBuilder("{\"action\":").append(JsonText.quote(e.action()));
      if (e.node() != null) {
        b.append(",\"node\":");
        node(b, e.node(), trim);
      }
      if (e.prevNode() != null) {
        b.append(",\"prevNode\":");
        node(b, e.prevNode(), trim);
      }
      os.write(b.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    static void writeError(EtcdException e, String trim, OutputStream os) throws IOException {
      StringBuilder b = new StringBuilder("{\"errorCode\":").append(e.error().code());
      b.append(",\"message\":").append(JsonText.quote(e.error().message()));
      String cause = e.errorCause().startsWith(trim) ? e.errorCause().substring(trim.length())
          : e.errorCause();
      if (!cause.isEmpty()) {
        b.append(",\"cause\":").append(JsonText.quote(cause));
      }
      b.append(",\"index\":").append(Long.toUnsignedString(e.index())).append('}');
      os.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void node(StringBuilder b, NodeExtern n, String trim) {
      b.append('{');
      String key = n.key().startsWith(trim) ? n.key().substring(trim.length()) : n.key();
      boolean first = true;
      if (!key.isEmpty()) {
        b.append("\"key\":").append(JsonText.quote(key));
        first = false;
      }
      if (!n.dir()) {
        b.append(first ? "" : ",").append("\"value\":").append(JsonText.quote(n.value()));
        first = false;
      } else {
        b.append(first ? "" : ",").append("\"dir\":true");
        first = false;
      }
      if (n.nodes() != null && !n.nodes().isEmpty()) {
        b.append(",\"nodes\":[");
        for (int i = 0; i < n.nodes().size(); i++) {
          b.append(i == 0 ? "" : ",");
          node(b, n.nodes().get(i), trim);
        }
        b.append(']');
      }
      if (n.modifiedIndex() != 0) {
        b.append(",\"modifiedIndex\":").append(n.modifiedIndex());
      }
      if (n.createdIndex() != 0) {
        b.append(",\"createdIndex\":").append(n.createdIndex());
      }
      b.append('}');
    }
  }
}
