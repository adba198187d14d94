package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Fetches one member's {@code /health} directly, without failover (CTL-064).
 *
 * <p>Thread-safe: the underlying {@link HttpClient} is.
 */
public final class HealthProbe {
  private final HttpClient http;

  /**
   * A probe dialling within {@code dialTimeout} and, for https members, with {@code tls} (null: the
   * JDK's default context, which trusts the system's CAs). {@link ClusterClient#healthProbe} gives
   * one with the client's TLS files.
   */
  public HealthProbe(Duration dialTimeout, SSLContext tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(dialTimeout);
    if (tls != null) {
      b.sslContext(tls);
    } else {
      DefaultTlsOnDemand.use(b);
    }
    this.http = b.build();
  }

  /**
   * Whether the member at {@code clientUrl} reports itself healthy: {@code {"health":"true"}} or
   * {@code {"health":true}} (OTH-011). A failed request or an answer that is not such JSON throws
   * with Go's error text.
   */
  public boolean isHealthy(String clientUrl) throws EtcdClientException, InterruptedException {
    String body = fetch(clientUrl);
    JsonNode n = Json.parse(body, Json.goSyntaxError(body));
    if (!n.isObject()) {
      throw new ApiError(
          "json: cannot unmarshal "
              + n.getNodeType().toString().toLowerCase(Locale.ROOT)
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
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return resp.body();
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
