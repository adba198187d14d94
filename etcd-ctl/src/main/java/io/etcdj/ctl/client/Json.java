package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON parsing shared by the API classes.
 *
 * <p>Thread-safe: the mapper is only used for reading trees.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses {@code body}; invalid JSON becomes {@code onError}. */
  static JsonNode parse(String body, String onError) throws ApiError {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null) {
        throw new ApiError(onError);
      }
      return n;
    } catch (java.io.IOException e) {
      throw new ApiError(onError);
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) {
      v.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  static String quoteList(List<String> values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : ",").append(GoText.jsonString(values.get(i)));
    }
    return s.append(']').toString();
  }

  /** The {@code message} of a members/auth error body, or null when it has none. */
  static String message(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      return n != null && n.has("message") ? n.get("message").asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
