package io.etcdj.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal v2 keys client for the durability tests, on {@code java.net.http}.
 *
 * <p>Thread-safety: safe for concurrent use (the HttpClient is).
 */
final class V2Client {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  /** The answer to one request: status, headers we check, parsed body. */
  record Reply(int status, long etcdIndex, long raftIndex, JsonNode body) {}

  V2Client(String base) {
    this.base = base;
  }

  Reply put(String key, String form) throws IOException, InterruptedException {
    return send("PUT", key, form);
  }

  Reply get(String keyAndQuery) throws IOException, InterruptedException {
    return send("GET", keyAndQuery, null);
  }

  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Reply send(String method, String key, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/v2/keys" + key)).timeout(Duration.ofSeconds(10));
    if (form == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(form));
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(
        r.statusCode(),
        r.headers().firstValueAsLong("X-Etcd-Index").orElse(-1),
        r.headers().firstValueAsLong("X-Raft-Index").orElse(-1),
        JSON.readTree(r.body()));
  }
}
