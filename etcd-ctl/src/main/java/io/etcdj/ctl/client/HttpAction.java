package io.etcdj.ctl.client;

import java.util.Map;

/**
 * One HTTP request relative to an endpoint: the client sends the same action to each endpoint in
 * turn until one answers (CTL-007).
 *
 * @param method HTTP method
 * @param path unescaped URL path, already canonical
 * @param query query parameters (encoded sorted by key), empty for none
 * @param body request body, or null for none
 * @param contentType content type of the body, or null
 * @param waits true for a long-poll watch: no per-request header timeout applies
 */
public record HttpAction(
    String method,
    String path,
    Map<String, String> query,
    String body,
    String contentType,
    boolean waits) {

  public HttpAction {
    query = Map.copyOf(query);
  }

  public static HttpAction get(String path) {
    return new HttpAction("GET", path, Map.of(), null, null, false);
  }

  /** The path and query as Go's {@code url.URL.String()} would print them after the host. */
  public String pathAndQuery() {
    String q = GoText.encodeForm(query);
    return GoText.escapePath(path) + (q.isEmpty() ? "" : "?" + q);
  }
}
