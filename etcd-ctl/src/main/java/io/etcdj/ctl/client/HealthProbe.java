package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Fetches one member's {@code /health} directly, without failover (CTL-064).
 *
 * <p>Thread-safe: immutable.
 */
public final class HealthProbe {
  private final HttpTransport http;

  /**
   * A probe dialling within {@code dialTimeout} and, for https members, with {@code tls} (null: the
   * JDK's default context, which trusts the system's CAs). {@link ClusterClient#healthProbe} gives
   * one with the client's TLS files.
   */
  public HealthProbe(Duration dialTimeout, SSLContext tls) {
    this.http = new HttpTransport(dialTimeout, tls);
  }

  /**
   * Whether the member at {@code clientUrl} reports itself healthy: {@code {"health":"true"}} or
   * {@code {"health":true}} (OTH-011). A failed request or an answer that is not such JSON throws
   * with Go's error text.
   */
  public boolean isHealthy(String clientUrl) throws EtcdClientException, InterruptedException {
    String body = fetch(clientUrl);
    JsonNode n = Json.unmarshal(body);
    if (!n.isObject()) {
      throw new ApiError(
          "json: cannot unmarshal "
              + Json.goKind(n)
              + " into Go value of type struct { Health bool }");
    }
    JsonNode h = null;
    for (var it = n.fields(); it.hasNext(); ) {
      var field = it.next();
      // Go matches JSON keys to struct fields without regard to case.
      if (field.getKey().equalsIgnoreCase("health")) {
        h = field.getValue();
      }
    }
    if (h == null || h.isNull()) {
      return false;
    }
    return h.isBoolean() ? h.booleanValue() : "true".equals(h.asText());
  }

  /** The body of {@code GET <clientUrl>/health}; failures carry Go's error text. */
  private String fetch(String clientUrl) throws EtcdClientException, InterruptedException {
    String url = clientUrl + "/health";
    try {
      return http.send("GET", URI.create(url), null, null, null, null).body();
    } catch (IOException e) {
      // Go's text for refused dials and certificate errors, as for every other request.
      throw new ApiError(
          "Get " + GoText.quote(url) + ": " + ClusterClient.describe(URI.create(clientUrl), e),
          true);
    } catch (IllegalArgumentException e) {
      throw new ApiError("Get " + GoText.quote(url) + ": " + e.getMessage(), true);
    }
  }
}
