package io.etcdj.server.http.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code PUT /config/local/log}, {@code {"Level":"DEBUG"}}, read as etcd 2.3 reads
 * it (SPEC OTH-013): Go's {@code json.Decoder} decodes the first JSON value into {@code struct{
 * Level string }} and never looks at what follows. So {@code null}, {@code {}} or unknown fields
 * leave the level empty, a key matches {@code Level} in any case and the last match wins, and an
 * empty body, a malformed value, another JSON type or a {@code Level} that is not a string are
 * all invalid.
 *
 * <p>Thread-safety: stateless.
 */
final class LogLevelRequest {
  private static final JsonFactory JSON = new JsonFactory();

  private LogLevelRequest() {}

  /** The body is not such JSON: etcd answers {@code Invalid json body}. */
  static final class InvalidJsonException extends Exception {
    InvalidJsonException() {
      super("Invalid json body", null, false, false);
    }
  }

  /** The {@code Level} as decoded: "" when the body has none. */
  static String level(byte[] body) throws InvalidJsonException {
    int end = GoJsonSyntax.firstValueEnd(body);
    if (end < 0) {
      throw new InvalidJsonException();
    }
    try (JsonParser p = JSON.createParser(decodeLikeGo(body, end))) {
      return decode(p);
    } catch (IOException e) {
      throw new InvalidJsonException(); // not reached: the syntax is checked above
    }
  }

  private static String decode(JsonParser p) throws IOException, InvalidJsonException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidJsonException(); // Go: cannot unmarshal <type> into the struct
    }
    String level = "";
    boolean typeError = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (!name.equalsIgnoreCase("Level") || value == JsonToken.VALUE_NULL) {
        p.skipChildren(); // null leaves the field as it was
      } else if (value == JsonToken.VALUE_STRING) {
        level = withoutLoneSurrogates(p.getText());
      } else {
        // Go goes on decoding after a type error and reports it at the end.
        typeError = true;
        p.skipChildren();
      }
    }
    if (typeError) {
      throw new InvalidJsonException();
    }
    return level;
  }

  /**
   * The bytes as text, each byte that is not part of valid UTF-8 replaced by U+FFFD, one for each
   * byte, as Go's decoder replaces them in strings (outside strings the syntax check allowed only
   * ASCII).
   */
  private static String decodeLikeGo(byte[] bytes, int length) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(length); // UTF-8 never has fewer bytes than UTF-16 chars
    while (true) {
      CoderResult r = utf8.decode(in, out, true);
      if (r.isUnderflow()) {
        break;
      }
      out.put('\uFFFD');
      in.position(in.position() + 1); // Go skips one byte, whatever sequence it started
    }
    utf8.flush(out);
    return out.flip().toString();
  }

  /** Go decodes a {@code \\u} escape of a lone surrogate as U+FFFD. */
  private static String withoutLoneSurrogates(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }
}
