package io.etcdj.server.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays one conformance scenario (the shared suite's step language: requests, WATCH/AWAIT,
 * STREAM, SLEEP, REPEAT) against a member and records the normalised responses, the way the
 * golden files were recorded from the reference.
 *
 * <p>Thread-safety: one scenario at a time; background watches run on their own threads and
 * hand their result back through futures.
 */
final class ScenarioRunner {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern INDEX_REF = Pattern.compile("\\{(mi|ci):(\\d+)(?:\\+(\\d+))?\\}");

  /** One recorded response. */
  record Recorded(
      int status,
      Map<String, JsonNode> headers,
      List<String> present,
      String raw,
      JsonNode body,
      JsonNode rawBody,
      String step) {}

  /** A raw response as read: status, lower-case headers, body or stream events. */
  private record Reply(int status, Map<String, String> headers, String body, List<JsonNode> events) {}

  private final int port;
  private final List<Recorded> recorded = new ArrayList<>();
  private final Map<String, CompletableFuture<Reply>> background = new HashMap<>();
  private final Map<String, String> backgroundLabels = new HashMap<>();
  private String prefix;
  private long base;

  ScenarioRunner(int port) {
    this.port = port;
  }

  List<Recorded> run(String name, List<String> lines) throws Exception {
    prefix = "conf" + (System.currentTimeMillis() % 1_000_000_000L)
        + name.toLowerCase().replaceAll("[^a-z0-9]", "");
    base = Long.parseLong(request("GET", "/v2/keys/", null).headers().get("x-etcd-index"));
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      boolean wide = trimmed.startsWith("STREAM") || trimmed.startsWith("REPEAT");
      step(trimmed.split(" ", wide ? 4 : 3));
    }
    return recorded;
  }

  private void step(String[] p) throws Exception {
    switch (p[0]) {
      case "SLEEP" -> pause((long) (Double.parseDouble(p[1]) * 1000));
      case "REPEAT" -> {
        String[] rest = p[3].split(" ", 2);
        for (int i = 0; i < Integer.parseInt(p[1]); i++) {
          String n = Integer.toString(i);
          request(p[2], fill(rest[0]).replace("{n}", n),
              rest.length > 1 ? fill(rest[1]).replace("{n}", n) : null);
        }
      }
      case "WATCH" -> {
        String path = fill(p[2]);
        background.put(p[1], CompletableFuture.supplyAsync(() -> unchecked(() ->
            request("GET", path, null))));
        backgroundLabels.put(p[1], "wait " + p[2]);
        pause(300);
      }
      case "STREAM" -> {
        String path = fill(p[3]);
        int count = Integer.parseInt(p[2]);
        background.put(p[1], CompletableFuture.supplyAsync(() -> unchecked(() ->
            stream(path, count))));
        backgroundLabels.put(p[1], "stream " + p[3]);
        pause(300);
      }
      case "AWAIT" -> {
        Reply reply = background.remove(p[1]).get(25, TimeUnit.SECONDS);
        record(reply, "AWAIT " + backgroundLabels.remove(p[1]));
      }
      default -> {
        Reply reply = request(p[0], fill(p[1]), p.length > 2 ? fill(p[2]) : null);
        record(reply, String.join(" ", p));
      }
    }
  }

  private Reply request(String method, String path, String form) throws IOException {
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response r = c.send(method, path, form).read();
      return new Reply(r.status(), r.headers(), r.body(), null);
    }
  }

  /** Collects {@code count} JSON events from a stream watch (15 s at most). */
  private Reply stream(String path, int count) throws IOException {
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response head = c.send("GET", path, (String) null).readHead();
      List<JsonNode> events = new ArrayList<>();
      StringBuilder buf = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (events.size() < count && System.nanoTime() < deadline) {
        String chunk = c.readChunk();
        if (chunk == null) {
          break;
        }
        buf.append(chunk);
        int nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          String line = buf.substring(0, nl).strip();
          buf.delete(0, nl + 1);
          if (!line.isEmpty()) {
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(line)) {
              events.addAll(it.readAll());
            }
          }
        }
      }
      return new Reply(head.status(), head.headers(), null, events);
    }
  }

  private void record(Reply reply, String step) {
    Map<String, JsonNode> headers = new LinkedHashMap<>();
    String contentType = reply.headers().get("content-type");
    if (contentType != null) {
      headers.put("Content-Type", JSON.getNodeFactory().textNode(contentType.split(";")[0]));
    }
    String index = reply.headers().get("x-etcd-index");
    if (index != null) {
      headers.put("X-Etcd-Index", GoldenNormaliser.index(index, base));
    }
    List<String> present = new ArrayList<>();
    for (String h : List.of("X-Raft-Index", "X-Raft-Term", "X-Etcd-Cluster-Id")) {
      if (reply.headers().containsKey(h.toLowerCase())) {
        present.add(h);
      }
    }
    if (reply.events() != null) {
      JsonNode events = JSON.valueToTree(reply.events());
      recorded.add(new Recorded(reply.status(), headers, present, null,
          GoldenNormaliser.normalise(events, base, prefix), events, step));
      return;
    }
    JsonNode parsed = null;
    String raw = null;
    if (!reply.body().isEmpty()) {
      try {
        parsed = JSON.readTree(reply.body());
      } catch (IOException e) {
        String stripped = reply.body().strip();
        raw = stripped.substring(0, Math.min(200, stripped.length())).replace(prefix, "{p}");
      }
    }
    recorded.add(new Recorded(reply.status(), headers, present, raw,
        GoldenNormaliser.normalise(parsed, base, prefix), parsed, step));
  }

  /** {p} and {mi:K} / {ci:K} / {mi:K+1} from the node of recorded step K. */
  private String fill(String s) {
    s = s.replace("{p}", prefix);
    Matcher m = INDEX_REF.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      JsonNode node = recorded.get(Integer.parseInt(m.group(2))).rawBody().get("node");
      long v = node.get(m.group(1).equals("mi") ? "modifiedIndex" : "createdIndex").asLong();
      long plus = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
      m.appendReplacement(b, Long.toString(v + plus));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The scenario's own SLEEP steps (the reference was recorded with them). */
  private static void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      LockSupport.parkNanos(deadline - System.nanoTime());
    }
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> s) {
    try {
      return s.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
