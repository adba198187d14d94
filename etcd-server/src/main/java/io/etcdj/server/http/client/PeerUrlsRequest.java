package io.etcdj.server.http.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a member add or update, {@code {"peerURLs":[...]}}, validated as etcd validates it
 * (SPEC OTH-024, OTH-025): a non-empty list of trimmed {@code scheme://host:port} URLs without a
 * path, scheme http, https, unix or unixs. The result is sorted. A body that is not such JSON
 * gets the error text of Go's decoder, which etcd passes on.
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

  /** The Go type etcd decodes the body into, as Go's decoding errors name it. */
  private static final String GO_TYPE = "struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }";

  static List<String> parse(byte[] body) throws InvalidException {
    String syntax = GoJsonSyntax.check(body);
    if (syntax != null) {
      throw new InvalidException(syntax);
    }
    List<String> urls;
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      urls = decode(p);
    } catch (java.io.IOException e) {
      throw new InvalidException(e.getMessage()); // not reached: the syntax is checked above
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

  /**
   * What Go's {@code json.Unmarshal} puts in {@code PeerURLs}, reading the keys in order: a key
   * matches the field name in any case and each match replaces the last, null leaves the field
   * empty, and a value of another JSON type is the first type error, reported once decoding is
   * done (so {@code {"peerURLs":[{}],"peerURLs":"s"}} names the object).
   */
  private static List<String> decode(JsonParser p) throws java.io.IOException, InvalidException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return new ArrayList<>();
    }
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidException(
          "json: cannot unmarshal " + goKind(t) + " into Go value of type " + GO_TYPE);
    }
    List<String> urls = new ArrayList<>();
    String typeError = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (!name.equalsIgnoreCase("peerURLs")) {
        p.skipChildren();
        continue;
      }
      urls = new ArrayList<>();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      if (value != JsonToken.START_ARRAY) {
        typeError = typeError != null ? typeError : fieldError(value, "[]string");
        p.skipChildren();
        continue;
      }
      for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
        if (e == JsonToken.VALUE_STRING) {
          urls.add(p.getText().trim());
          continue;
        }
        urls.add(""); // Go keeps the zero value of an element it cannot decode
        if (e != JsonToken.VALUE_NULL) {
          typeError = typeError != null ? typeError : fieldError(e, "string");
        }
        p.skipChildren();
      }
    }
    if (typeError != null) {
      throw new InvalidException(typeError);
    }
    return urls;
  }

  private static String fieldError(JsonToken value, String goType) {
    return "json: cannot unmarshal " + goKind(value) + " into Go struct field .peerURLs of type "
        + goType;
  }

  /** The JSON type of a value's first token, as Go's {@code UnmarshalTypeError} names it. */
  private static String goKind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> "number";
    };
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
