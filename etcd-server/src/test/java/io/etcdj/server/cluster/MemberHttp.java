package io.etcdj.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * HTTP against in-process members for the cluster tests: plain requests, and reads and writes
 * retried (polled) until they succeed or the deadline passes, since a cluster settling after an
 * election or a membership change may drop a proposal or serve a stale read for a moment.
 *
 * <p>Thread-safety: safe for use from the test thread; the underlying client is thread-safe.
 */
public final class MemberHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Duration deadline;

  public MemberHttp(Duration deadline) {
    this.deadline = deadline;
  }

  HttpClient client() {
    return http;
  }

  /** One request; {@code form} null means no body. */
  HttpResponse<String> send(EmbeddedEtcd m, String method, String path, String form)
      throws Exception {
    return send(m.clientUrl(), method, path, form);
  }

  /**
   * One request to any client URL (a member's or a proxy's); the 15 s timeout leaves room for a
   * proxy trying one endpoint after another.
   */
  HttpResponse<String> send(String url, String method, String path, String form)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(15));
    if (form == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(form));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a JSON body, as {@code /v2/members} wants. */
  HttpResponse<String> sendJson(EmbeddedEtcd m, String method, String path, String json)
      throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** A plain PUT of a key; the status code. */
  int put(EmbeddedEtcd m, String key, String value) throws Exception {
    return send(m, "PUT", "/v2/keys" + key, "value=" + value).statusCode();
  }

  /** Retries a PUT until it is answered 200 or 201. */
  void awaitPut(EmbeddedEtcd m, String key, String value) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        int status = put(m, key, value);
        if (status == 200 || status == 201) {
          return;
        }
        last = "answered " + status;
      } catch (IOException e) {
        last = "failed: " + e; // a member restarting, or a pooled connection it closed
      }
      Thread.sleep(50);
    }
    throw new AssertionError("PUT " + key + " on " + m.clientUrl() + " last " + last);
  }

  /** Polls a GET until it answers 200 with JSON that satisfies {@code ok}. */
  JsonNode awaitJson(EmbeddedEtcd m, String path, Predicate<JsonNode> ok) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = send(m, "GET", path, null);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          JsonNode j = JSON.readTree(r.body());
          if (ok.test(j)) {
            return j;
          }
        }
      } catch (IOException e) {
        last = e.toString(); // a member restarting, or a pooled connection it closed
      }
      Thread.sleep(20);
    }
    throw new AssertionError("GET " + path + " on " + m.clientUrl() + " last answered " + last);
  }

  /** Polls until the member serves {@code key} with {@code value}. */
  void awaitValue(EmbeddedEtcd m, String key, String value) throws Exception {
    awaitJson(m, "/v2/keys" + key, j -> value.equals(j.path("node").path("value").asText(null)));
  }

  /**
   * Writes {@code prefix/0 .. prefix/(count-1)} (value = the number) through {@code m} from {@code
   * writers} threads at once, each write retried until acknowledged (group commit makes this much
   * faster than one writer); the whole run is bounded by ten deadlines.
   */
  public void putMany(EmbeddedEtcd m, String prefix, int count, int writers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int first = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < count; i += writers) {
                    awaitPut(m, prefix + "/" + i, Integer.toString(i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(deadline.toSeconds() * 10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The whole key space of {@code m} ({@code /v2/keys/?recursive=true&sorted=true}). */
  JsonNode tree(EmbeddedEtcd m) throws Exception {
    HttpResponse<String> r = send(m, "GET", "/v2/keys/?recursive=true&sorted=true", null);
    if (r.statusCode() != 200) {
      throw new IOException("GET / on " + m.clientUrl() + " answered " + r.statusCode());
    }
    return JSON.readTree(r.body()).path("node");
  }

  /**
   * Polls until every member serves the same key space as {@code reference}, node indexes
   * included, and {@code reference} has {@code ok}; returns the reference's tree.
   */
  JsonNode awaitSameTree(EmbeddedEtcd reference, List<EmbeddedEtcd> others, Predicate<JsonNode> ok)
      throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    String differs = "";
    while (System.nanoTime() < end) {
      try {
        JsonNode expected = tree(reference);
        differs = ok.test(expected) ? "" : "reference not ready";
        for (EmbeddedEtcd m : others) {
          if (differs.isEmpty() && !tree(m).equals(expected)) {
            differs = m.clientUrl() + " differs from " + reference.clientUrl();
          }
        }
        if (differs.isEmpty()) {
          return expected;
        }
      } catch (IOException e) {
        differs = e.toString(); // a member restarting, or a pooled connection it closed
      }
      Thread.sleep(100);
    }
    throw new AssertionError("key spaces never matched: " + differs);
  }
}
