package io.etcdj.ctl.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches one member's {@code /health} directly, without failover (CTL-064).
 *
 * <p>Thread-safe: the underlying {@link HttpClient} is.
 */
public final class HealthProbe {
  private final HttpClient http;

  public HealthProbe(Duration dialTimeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(dialTimeout)
            .build();
  }

  /** The body of {@code GET <clientUrl>/health}; failures carry Go's error text. */
  public String fetch(String clientUrl) throws EtcdClientException, InterruptedException {
    String url = clientUrl + "/health";
    try {
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return resp.body();
    } catch (ConnectException e) {
      URI u = URI.create(clientUrl);
      throw new ApiError(
          "Get "
              + GoText.quote(url)
              + ": dial tcp "
              + u.getHost()
              + ":"
              + u.getPort()
              + ": connect: connection refused",
          true);
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiError("Get " + GoText.quote(url) + ": " + e.getMessage(), true);
    }
  }
}
