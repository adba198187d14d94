package io.etcdj.server.http.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a member add or update, {@code {"peerURLs":[...]}}, validated as etcd validates it
 * (SPEC OTH-024, OTH-025): a non-empty list of trimmed {@code scheme://host:port} URLs without a
 * path, scheme http, https, unix or unixs. The result is sorted.
 *
 * <p>Thread-safety: stateless (the shared ObjectMapper is thread-safe once configured).
 */
final class PeerUrlsRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerUrlsRequest() {}

  /** A request body etcd refuses with 400 and this message. */
  static final class InvalidException extends Exception {
    InvalidException(String message) {
      super(message, null, false, false);
    }
  }

  static List<String> parse(byte[] body) throws InvalidException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidException(e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidException(e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidException("unexpected end of JSON input");
    }
    List<String> urls = new ArrayList<>();
    JsonNode list = root.get("peerURLs");
    if (list != null && list.isArray()) {
      for (JsonNode n : list) {
        urls.add(n.asText().trim());
      }
    }
    if (urls.isEmpty()) {
      throw new InvalidException("no valid URLs given");
    }
    for (String url : urls) {
      validate(url);
    }
    urls.sort(null);
    return urls;
  }

  private static void validate(String s) throws InvalidException {
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new InvalidException("parse " + s + ": " + e.getReason());
    }
    if (!List.of("http", "https", "unix", "unixs").contains(String.valueOf(u.getScheme()))) {
      throw new InvalidException("URL scheme must be http, https, unix, or unixs: " + s);
    }
    if (u.getHost() == null || u.getPort() < 0) {
      throw new InvalidException("URL address does not have the form \"host:port\": " + s);
    }
    if (u.getPath() != null && !u.getPath().isEmpty()) {
      throw new InvalidException("URL must not contain a path: " + s);
    }
  }
}
