package io.etcdj.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * etcd's v2 HTTP JSON for events and errors, written straight to a stream without the trailing
 * newline the handler adds. Field order and omission follow Go's struct tags (SPEC KEY-090..100,
 * ERR-001); keys and causes lose the given prefix (SPEC KEY-005), and a key that becomes empty is
 * omitted (SPEC KEY-094). The internal {@code refresh} flag is never written (SPEC KEY-099).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class V2Json {
  private static final int BUFFER = 512;

  private V2Json() {}

  /**
   * Writes the event JSON.
   *
   * @throws UncheckedIOException when the stream fails
   */
  public static void writeEvent(Event e, String trimPrefix, OutputStream out) {
    try {
      JsonOutput json = new JsonOutput(out, BUFFER);
      event(json, e, trimPrefix, false);
      json.drain();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The event JSON as bytes. */
  public static byte[] writeEvent(Event e, String trimPrefix) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    writeEvent(e, trimPrefix, out);
    return out.toByteArray();
  }

  /** {@code {"errorCode":..,"message":..,"cause":..,"index":..}}, cause omitted when empty. */
  public static void writeError(EtcdException e, String trimPrefix, OutputStream out) {
    try {
      JsonOutput json = new JsonOutput(out, BUFFER);
      json.ascii("{\"errorCode\":").number(e.error().code());
      json.ascii(",\"message\":").string(e.error().message());
      String cause = trim(e.errorCause(), trimPrefix);
      if (!cause.isEmpty()) {
        json.ascii(",\"cause\":").string(cause);
      }
      json.ascii(",\"index\":").unsigned(e.index()).raw('}');
      json.drain();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The error JSON as bytes. */
  public static byte[] writeError(EtcdException e, String trimPrefix) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    writeError(e, trimPrefix, out);
    return out.toByteArray();
  }

  /**
   * A JSON string literal (with its quotes) escaped exactly as Go's encoding/json writes it: the
   * one escaper for every JSON document the project builds by hand (members, stats, attributes).
   */
  public static String quote(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    try {
      JsonOutput json = new JsonOutput(out, s.length() + 8);
      json.string(s);
      json.drain();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A JSON array of strings, {@code ["a","b"]}, each escaped as {@link #quote} does. */
  public static String quoteArray(Iterable<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(quote(v));
    }
    return b.append(']').toString();
  }

  /**
   * Writes an event object. With {@code withRefresh} (snapshot history, SPEC PER-047) a refresh
   * event carries {@code "refresh":true}, as Go's json.Marshal writes it.
   */
  static void event(JsonOutput json, Event e, String trimPrefix, boolean withRefresh)
      throws IOException {
    json.ascii("{\"action\":").string(e.action());
    if (e.node() != null) {
      json.ascii(",\"node\":");
      node(json, e.node(), trimPrefix);
    }
    if (e.prevNode() != null) {
      json.ascii(",\"prevNode\":");
      node(json, e.prevNode(), trimPrefix);
    }
    if (withRefresh && e.refresh()) {
      json.ascii(",\"refresh\":true");
    }
    json.raw('}');
  }

  private static void node(JsonOutput json, NodeExtern n, String trimPrefix) throws IOException {
    // Every field is omitempty except value (a pointer in Go), so track the separator.
    boolean first = true;
    json.raw('{');
    String key = n.key() == null ? "" : trim(n.key(), trimPrefix);
    if (!key.isEmpty()) {
      json.ascii("\"key\":").string(key);
      first = false;
    }
    if (n.value() != null) {
      json.ascii(first ? "\"value\":" : ",\"value\":").string(n.value());
      first = false;
    }
    if (n.dir()) {
      json.ascii(first ? "\"dir\":true" : ",\"dir\":true");
      first = false;
    }
    if (n.expiration() != null) {
      json.ascii(first ? "\"expiration\":\"" : ",\"expiration\":\"")
          .ascii(GoTime.format(n.expiration()))
          .raw('"');
      first = false;
    }
    if (n.ttl() != 0) {
      json.ascii(first ? "\"ttl\":" : ",\"ttl\":").number(n.ttl());
      first = false;
    }
    List<NodeExtern> nodes = n.nodes();
    if (nodes != null && !nodes.isEmpty()) {
      json.ascii(first ? "\"nodes\":[" : ",\"nodes\":[");
      for (int i = 0; i < nodes.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        node(json, nodes.get(i), trimPrefix);
      }
      json.raw(']');
      first = false;
    }
    if (n.modifiedIndex() != 0) {
      json.ascii(first ? "\"modifiedIndex\":" : ",\"modifiedIndex\":").unsigned(n.modifiedIndex());
      first = false;
    }
    if (n.createdIndex() != 0) {
      json.ascii(first ? "\"createdIndex\":" : ",\"createdIndex\":").unsigned(n.createdIndex());
    }
    json.raw('}');
  }

  private static String trim(String s, String prefix) {
    return prefix != null && !prefix.isEmpty() && s.startsWith(prefix)
        ? s.substring(prefix.length())
        : s;
  }
}
