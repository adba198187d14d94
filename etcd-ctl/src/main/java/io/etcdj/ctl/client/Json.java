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

  /**
   * The error Go's {@code json.Unmarshal} reports for a body that is not one JSON value, for the
   * APIs whose callers print it as is (auth, CTL-070).
   */
  static String goSyntaxError(String body) {
    int i = 0;
    while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
      i++;
    }
    if (i == body.length()) {
      return "unexpected end of JSON input";
    }
    char c = body.charAt(i);
    if ("{[\"-0123456789tfn".indexOf(c) < 0) {
      return "invalid character " + quoteChar(c) + " looking for beginning of value";
    }
    if ("tfn".indexOf(c) >= 0) {
      String literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
      for (int k = 1; k < literal.length(); k++) {
        if (i + k >= body.length()) {
          return "unexpected end of JSON input";
        }
        if (body.charAt(i + k) != literal.charAt(k)) {
          return "invalid character "
              + quoteChar(body.charAt(i + k))
              + " in literal "
              + literal
              + " (expecting "
              + quoteChar(literal.charAt(k))
              + ")";
        }
      }
    }
    try (com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(body)) {
      MAPPER.readTree(p);
      int end = (int) p.currentLocation().getCharOffset();
      for (int k = end; k < body.length(); k++) {
        if (!Character.isWhitespace(body.charAt(k))) {
          return "invalid character " + quoteChar(body.charAt(k)) + " after top-level value";
        }
      }
      return "unexpected end of JSON input";
    } catch (java.io.IOException e) {
      return "unexpected end of JSON input";
    }
  }

  private static String quoteChar(char c) {
    return c == '\'' ? "'\\''" : "'" + c + "'";
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
