package io.etcdj.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes etcd's v2 store snapshot JSON (SPEC PER-045..048) with a streaming parser, so a large
 * store is never held twice as a tree. Field order does not matter and unknown fields are skipped,
 * as with Go's json.Unmarshal; a child's name is its key in the parent's Children.
 *
 * <p>Thread-safety: stateless.
 */
final class SnapshotReader {
  /**
   * Field names are neither interned nor kept in the parser's symbol table: every child's name is a
   * field name, and hashing a million distinct names into that table costs more than the parse.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
          .build();

  private SnapshotReader() {}

  static SnapshotFormat.Recovered read(byte[] bytes) {
    try {
      return read(FACTORY.createParser(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid v2 store snapshot: " + e.getMessage(), e);
    }
  }

  /** Reads from a stream (closed at the end), so the JSON itself is never held in memory. */
  static SnapshotFormat.Recovered read(InputStream in) {
    try {
      return read(FACTORY.createParser(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid v2 store snapshot: " + e.getMessage(), e);
    }
  }

  private static SnapshotFormat.Recovered read(JsonParser parser) {
    try (JsonParser p = parser) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      Node root = Node.newDir("", 0, Node.PERMANENT, 0);
      EventHistory history = new EventHistory(EventHistory.DEFAULT_CAPACITY);
      long currentIndex = 0;
      StoreStats stats = new StoreStats();
      int version = SnapshotFormat.VERSION;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "Root" -> root = node(p, "");
          case "WatcherHub" -> history = watcherHub(p);
          case "CurrentIndex" -> currentIndex = unsigned(p);
          case "Stats" -> stats = stats(p);
          case "CurrentVersion" -> version = p.getIntValue();
          default -> p.skipChildren();
        }
      }
      if (!root.isDir()) {
        throw new IllegalArgumentException("snapshot root is not a directory");
      }
      return new SnapshotFormat.Recovered(root, history, currentIndex, stats, version);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("invalid v2 store snapshot: " + e.getMessage(), e);
    }
  }

  private static Node node(JsonParser p, String name) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    long created = 0;
    long modified = 0;
    long expire = Node.PERMANENT;
    String value = "";
    boolean dir = false;
    List<Node> kids = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "CreatedIndex" -> created = unsigned(p);
        case "ModifiedIndex" -> modified = unsigned(p);
        case "ExpireTime" -> {
          Instant at = t == JsonToken.VALUE_NULL ? null : GoTime.parse(p.getText());
          expire = at == null ? Node.PERMANENT : Node.toNanos(at);
        }
        case "Value" -> value = t == JsonToken.VALUE_NULL ? "" : p.getText();
        case "Children" -> {
          if (t == JsonToken.START_OBJECT) {
            dir = true;
            kids = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String kidName = p.currentName();
              p.nextToken();
              kids.add(node(p, kidName));
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    Node n =
        dir ? Node.newDir(name, created, expire, 0) : Node.newFile(name, value, created, expire, 0);
    n.modifiedIndex = modified;
    if (dir) {
      n.value = value;
      n.children.ensureCapacity(kids.size());
      for (Node kid : kids) {
        n.children.put(kid);
      }
    }
    return n;
  }

  private static EventHistory watcherHub(JsonParser p) throws IOException {
    EventHistory history = new EventHistory(EventHistory.DEFAULT_CAPACITY);
    expect(p.currentToken(), JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("EventHistory") && p.currentToken() == JsonToken.START_OBJECT) {
        history = eventHistory(p);
      } else {
        p.skipChildren();
      }
    }
    return history;
  }

  private static EventHistory eventHistory(JsonParser p) throws IOException {
    List<Event> events = new ArrayList<>();
    int size = 0;
    int front = 0;
    int back = 0;
    int capacity = EventHistory.DEFAULT_CAPACITY;
    long start = 0;
    long last = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "Queue" -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String q = p.currentName();
            JsonToken t = p.nextToken();
            switch (q) {
              case "Events" -> {
                if (t == JsonToken.START_ARRAY) {
                  for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    events.add(e == JsonToken.VALUE_NULL ? null : event(p));
                  }
                }
              }
              case "Size" -> size = p.getIntValue();
              case "Front" -> front = p.getIntValue();
              case "Back" -> back = p.getIntValue();
              case "Capacity" -> capacity = p.getIntValue();
              default -> p.skipChildren();
            }
          }
        }
        case "StartIndex" -> start = unsigned(p);
        case "LastIndex" -> last = unsigned(p);
        default -> p.skipChildren();
      }
    }
    EventHistory h = new EventHistory(Math.max(capacity, 1));
    for (int i = 0; i < events.size() && i < h.events.length; i++) {
      h.events[i] = events.get(i);
    }
    h.size = size;
    h.front = front;
    h.back = back;
    h.startIndex = start;
    h.lastIndex = last;
    return h;
  }

  private static Event event(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    String action = "";
    NodeExtern node = null;
    NodeExtern prev = null;
    boolean refresh = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "action" -> action = p.getText();
        case "node" -> node = t == JsonToken.VALUE_NULL ? null : nodeExtern(p);
        case "prevNode" -> prev = t == JsonToken.VALUE_NULL ? null : nodeExtern(p);
        case "refresh" -> refresh = t == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    if (node == null) {
      throw new IllegalArgumentException("history event without node");
    }
    return new Event(action, node, prev, 0, refresh);
  }

  private static NodeExtern nodeExtern(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    String key = "";
    String value = null;
    boolean dir = false;
    Instant expiration = null;
    long ttl = 0;
    List<NodeExtern> nodes = null;
    long modified = 0;
    long created = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "key" -> key = p.getText();
        case "value" -> value = t == JsonToken.VALUE_NULL ? null : p.getText();
        case "dir" -> dir = t == JsonToken.VALUE_TRUE;
        case "expiration" ->
            expiration = t == JsonToken.VALUE_NULL ? null : GoTime.parse(p.getText());
        case "ttl" -> ttl = p.getLongValue();
        case "nodes" -> {
          if (t == JsonToken.START_ARRAY) {
            nodes = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              nodes.add(nodeExtern(p));
            }
          }
        }
        case "modifiedIndex" -> modified = unsigned(p);
        case "createdIndex" -> created = unsigned(p);
        default -> p.skipChildren();
      }
    }
    return new NodeExtern(key, value, dir, expiration, ttl, nodes, modified, created);
  }

  private static StoreStats stats(JsonParser p) throws IOException {
    StoreStats s = new StoreStats();
    expect(p.currentToken(), JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      s.set(field, unsigned(p));
    }
    return s;
  }

  private static long unsigned(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = p.getNumberType();
      if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
        long v = p.getLongValue();
        if (v >= 0) {
          return v;
        }
      }
    }
    // Above Long.MAX_VALUE (a Go uint64), or not a plain non-negative integer: the exact text rules.
    return Long.parseUnsignedLong(p.getText());
  }

  private static void expect(JsonToken actual, JsonToken wanted) {
    if (actual != wanted) {
      throw new IllegalArgumentException("expected " + wanted + " but found " + actual);
    }
  }
}
