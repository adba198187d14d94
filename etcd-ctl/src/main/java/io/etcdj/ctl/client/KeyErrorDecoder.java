package io.etcdj.ctl.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the body of a keys API answer that is not a success into a {@link KeyError}, with the rules
 * of the Go client, which hands the body to {@code json.Unmarshal} into its {@code client.Error}
 * struct (ERR-006). What that refuses is "invalid json", printed as {@code client: response is
 * invalid json. The endpoint is probably not valid etcd cluster endpoint} (for example for the
 * {@code 404 page not found} of something that is not etcd), where a lenient parser would make up
 * an error from whatever value it found first:
 *
 * <ul>
 *   <li>the body must be exactly one JSON value (white space around it allowed);
 *   <li>{@code null} and objects without the fields give the zero error (code 0, no texts, index
 *       0);
 *   <li>field names match case-insensitively, and a repeated field keeps its last value;
 *   <li>{@code errorCode} must be an integer literal within Go's int (64 bits), {@code index} one
 *       within uint64 (no minus sign, not even {@code -0}), {@code message} and {@code cause}
 *       strings; {@code null} leaves a field as it was; other fields may hold anything.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class KeyErrorDecoder {
  private static final JsonFactory FACTORY = new JsonFactory();

  static final String INVALID_JSON =
      "client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint";

  private KeyErrorDecoder() {}

  /** The error {@code body} describes, or an {@link ApiError} saying it is not valid. */
  static KeyError decode(String body) throws ApiError {
    try (JsonParser p = FACTORY.createParser(body)) {
      KeyError e = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new ApiError(INVALID_JSON); // a second value after the first
      }
      return e;
    } catch (IOException e) {
      throw new ApiError(INVALID_JSON);
    }
  }

  private static KeyError value(JsonParser p, JsonToken first) throws IOException, ApiError {
    long code = 0;
    String message = "";
    String cause = "";
    long index = 0;
    if (first == JsonToken.VALUE_NULL) {
      return new KeyError(0, message, cause, index);
    }
    if (first != JsonToken.START_OBJECT) {
      throw new ApiError(INVALID_JSON); // nothing, or a value that cannot fill a struct
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // Go leaves the field as it was
      }
      if (name.equalsIgnoreCase("errorCode")) {
        code = integer(p, t);
      } else if (name.equalsIgnoreCase("index")) {
        index = unsigned(p, t);
      } else if (name.equalsIgnoreCase("message")) {
        message = string(p, t);
      } else if (name.equalsIgnoreCase("cause")) {
        cause = string(p, t);
      } else {
        p.skipChildren();
      }
    }
    return new KeyError(code, message, cause, index);
  }

  /** Go's int from a JSON number: an integer literal within 64 bits. */
  private static long integer(JsonParser p, JsonToken t) throws IOException, ApiError {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new ApiError(INVALID_JSON);
    }
    return p.getLongValue();
  }

  /** Go's uint64 from a JSON number: an integer literal without a sign, within 64 bits. */
  private static long unsigned(JsonParser p, JsonToken t) throws IOException, ApiError {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new ApiError(INVALID_JSON);
    }
    try {
      return Long.parseUnsignedLong(p.getText());
    } catch (NumberFormatException e) {
      throw new ApiError(INVALID_JSON);
    }
  }

  private static String string(JsonParser p, JsonToken t) throws IOException, ApiError {
    if (t != JsonToken.VALUE_STRING) {
      throw new ApiError(INVALID_JSON);
    }
    return Json.goString(p.getText());
  }
}
