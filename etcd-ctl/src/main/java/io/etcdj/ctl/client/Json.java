package io.etcdj.ctl.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON parsing shared by the API classes: trees of Jackson's nodes, built from its streaming parser
 * without an {@code ObjectMapper}, whose set-up (type factory, date formats and their locale data)
 * was a fifth of an etcdctl command's own time (docs/etcdctl.md).
 *
 * <p>Thread-safe: stateless; the factories are.
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Parses {@code body}; invalid JSON becomes {@code onError}. */
  static JsonNode parse(String body, String onError) throws ApiError {
    try {
      JsonNode n = readTree(body);
      if (n == null) {
        throw new ApiError(onError);
      }
      return n;
    } catch (IOException e) {
      throw new ApiError(onError);
    }
  }

  /**
   * Parses {@code body} as Go's {@code json.Unmarshal} accepts it, for the APIs the Go client
   * decodes with it (members, auth, health): exactly one JSON value, white space around it allowed.
   * Anything else fails with Go's error text ({@link #goSyntaxError}), trailing text after the
   * value included.
   */
  static JsonNode unmarshal(String body) throws ApiError {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != null) {
        JsonNode n = value(p);
        if (p.nextToken() == null) {
          return n;
        }
      }
    } catch (IOException e) {
      // Go's text below says what is wrong
    }
    throw new ApiError(goSyntaxError(body));
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
    try (JsonParser p = FACTORY.createParser(body)) {
      p.nextToken();
      value(p);
      int end = (int) p.currentLocation().getCharOffset();
      for (int k = end; k < body.length(); k++) {
        if (!Character.isWhitespace(body.charAt(k))) {
          return "invalid character " + quoteChar(body.charAt(k)) + " after top-level value";
        }
      }
      return "unexpected end of JSON input";
    } catch (IOException e) {
      return "unexpected end of JSON input";
    }
  }

  /** The first JSON value in {@code body} (what follows it is ignored), or null if it is empty. */
  private static JsonNode readTree(String body) throws IOException {
    try (JsonParser p = FACTORY.createParser(body)) {
      return p.nextToken() == null ? null : value(p);
    }
  }

  /** The value starting at the parser's current token, which it leaves at the value's last. */
  private static JsonNode value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, value(p)); // a repeated name: the last one wins, as with Go's decoder
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(value(p));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.textNode(goString(p.getText()));
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new JsonParseException(p, "unexpected " + t);
    }
  }

  /**
   * A decoded JSON string as Go's decoders leave it: an escaped surrogate without its pair (U+D800
   * to U+DFFF alone) becomes U+FFFD, which prints as such, where Java would print {@code ?}.
   */
  static String goString(String s) {
    int i = 0;
    while (i < s.length() && !Character.isSurrogate(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s; // the usual case: nothing to replace
    }
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
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

  /**
   * The {@code message} of a members or auth error body, as Go's client reads it with {@code
   * json.Unmarshal} into its error struct {@code client.<goType>} (ERR-007): {@code ""} when it has
   * none or it is null; the name matches in any case; a body that is no JSON, or a value of the
   * wrong type, fails with Go's error text, which etcdctl prints instead.
   */
  static String errorMessage(String body, String goType) throws ApiError {
    unmarshal(body); // Go checks the whole body's syntax before it decodes anything
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        return "";
      }
      if (t != JsonToken.START_OBJECT) {
        throw new ApiError(
            "json: cannot unmarshal " + goKind(t) + " into Go value of type client." + goType);
      }
      // Streamed, not as a tree: with a repeated name, the first ill-typed value is the error.
      String message = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean isMessage = p.currentName().equalsIgnoreCase("message");
        t = p.nextToken();
        if (!isMessage || t == JsonToken.VALUE_NULL) {
          p.skipChildren();
        } else if (t == JsonToken.VALUE_STRING) {
          message = goString(p.getText());
        } else {
          throw new ApiError(
              "json: cannot unmarshal "
                  + goKind(t)
                  + " into Go struct field "
                  + goType
                  + ".message of type string");
        }
      }
      return message;
    } catch (IOException e) {
      throw new ApiError(goSyntaxError(body)); // not reached: the syntax was checked
    }
  }

  /** How Go's JSON errors name the kind of the value starting with {@code t}. */
  private static String goKind(JsonToken t) {
    return switch (t) {
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_STRING -> "string";
      case START_ARRAY -> "array";
      case VALUE_NULL -> "null";
      default -> "object";
    };
  }

  /** How Go's JSON errors name the kind of a value: number, string, bool, array, object. */
  static String goKind(JsonNode n) {
    return switch (n.getNodeType()) {
      case BOOLEAN -> "bool";
      case NUMBER -> "number";
      case STRING -> "string";
      case ARRAY -> "array";
      case NULL -> "null";
      default -> "object";
    };
  }
}
