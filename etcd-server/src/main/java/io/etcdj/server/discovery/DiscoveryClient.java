package io.etcdj.server.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few v2 keys calls discovery makes on the discovery etcd (SPEC CLU-050): get, create with
 * {@code prevExist=false}, and watch. Keys are used as full paths on the endpoint (etcd's client
 * with an empty keys prefix), so a token URL {@code http://h/v2/keys/_etcd/registry/x} reads
 * {@code http://h/v2/keys/_etcd/registry/x/_config/size}.
 *
 * <p>Thread-safety: safe for concurrent use (the JDK client is).
 */
final class DiscoveryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** etcd's client gives each non-watch request 5 s. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** The discovery service could not be reached, or answered 5xx: worth retrying (CLU-054). */
  static final class Unreachable extends Exception {
    Unreachable(String detail) {
      super(detail, null, false, false);
    }
  }

  /**
   * A parsed answer.
   *
   * @param status the HTTP status
   * @param body the JSON body
   * @param etcdIndex {@code X-Etcd-Index}, 0 if absent
   */
  record Answer(int status, JsonNode body, long etcdIndex) {
    int errorCode() {
      return body.path("errorCode").asInt(0);
    }
  }

  /** The body was not JSON. */
  static final class NotJson extends Exception {
    NotJson() {
      super("not JSON", null, false, false);
    }
  }

  private final HttpClient http;
  private final String endpoint;

  /**
   * @param endpoint scheme, host and port of the discovery etcd
   * @param proxy {@code --discovery-proxy}, empty for none; a bare host:port means http (CLU-050)
   */
  DiscoveryClient(String endpoint, String proxy) {
    this.endpoint = endpoint;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30));
    if (!proxy.isEmpty()) {
      URI p = URI.create(proxy.startsWith("http") ? proxy : "http://" + proxy);
      int port = p.getPort() > 0 ? p.getPort() : 80;
      b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), port)));
    }
    this.http = b.build();
  }

  Answer get(String key) throws Unreachable, NotJson {
    return send(HttpRequest.newBuilder(uri(key, "")).timeout(REQUEST_TIMEOUT).GET().build());
  }

  Answer create(String key, String value) throws Unreachable, NotJson {
    String form = "value=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    return send(
        HttpRequest.newBuilder(uri(key, "prevExist=false"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  /** Waits (without a time limit) for the first change at or after {@code waitIndex}. */
  Answer watch(String key, long waitIndex, boolean recursive) throws Unreachable, NotJson {
    String query = "wait=true&waitIndex=" + waitIndex + (recursive ? "&recursive=true" : "");
    return send(HttpRequest.newBuilder(uri(key, query)).GET().build());
  }

  private URI uri(String key, String query) {
    return URI.create(endpoint + key + (query.isEmpty() ? "" : "?" + query));
  }

  private Answer send(HttpRequest request) throws Unreachable, NotJson {
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    if (r.statusCode() / 100 == 5) {
      throw new Unreachable("status " + r.statusCode());
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new NotJson();
    }
    if (body == null || !body.isObject()) {
      throw new NotJson();
    }
    long index = 0;
    try {
      index = Long.parseLong(r.headers().firstValue("X-Etcd-Index").orElse("0"));
    } catch (NumberFormatException e) {
      index = 0;
    }
    return new Answer(r.statusCode(), body, index);
  }
}
