package io.etcdj.server.http.client;

import io.etcdj.server.Request;
import io.etcdj.server.Request.Method;
import io.etcdj.store.EtcdError;
import io.etcdj.store.EtcdException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request on {@code /v2/keys} into a {@link KeysRequest}, or fails with etcd's
 * error, exactly as etcd's {@code parseKeyRequest} does (SPEC KEY-030..047): the same parameter
 * sources, the same validation order and the same error codes and causes (KEY-036). A pure
 * function: the caller passes the clock's current time.
 *
 * <p>Thread-safety: stateless.
 */
final class KeysRequestParser {
  /** Go's {@code http.maxFormSize}: larger url-encoded bodies fail with 210 (KEY-033). */
  static final int MAX_FORM_BYTES = 10 << 20;

  static final String KEYS_PREFIX = "/v2/keys";
  static final String STORE_KEYS_PREFIX = "/1";

  private KeysRequestParser() {}

  /**
   * @param method the HTTP method (already one of HEAD, GET, PUT, POST, DELETE)
   * @param path the decoded, clean request path, starting with {@code /v2/keys}
   * @param rawQuery the raw query string (without {@code ?}), possibly empty
   * @param contentType the Content-Type header, or null
   * @param body the request body
   * @param now the receiving member's clock, for {@code ttl} (KEY-038)
   */
  static KeysRequest parse(
      String method, String path, String rawQuery, String contentType, byte[] body, Instant now)
      throws EtcdException {
    Map<String, List<String>> form = parseForm(method, rawQuery, contentType, body);
    if (!path.startsWith(KEYS_PREFIX)) {
      throw invalid(EtcdError.INVALID_FORM, "incorrect key prefix");
    }
    String storePath = GoPath.join(STORE_KEYS_PREFIX, path.substring(KEYS_PREFIX.length()));

    long prevIndex = uint(form, "prevIndex", EtcdError.INDEX_NAN);
    long waitIndex = uint(form, "waitIndex", EtcdError.INDEX_NAN);
    boolean recursive = bool(form, "recursive");
    boolean sorted = bool(form, "sorted");
    boolean wait = bool(form, "wait");
    boolean dir = bool(form, "dir");
    boolean quorum = bool(form, "quorum");
    boolean stream = bool(form, "stream");
    if (wait && !method.equals("GET")) {
      throw invalid(EtcdError.INVALID_FIELD, "\"wait\" can only be used with GET requests");
    }
    String prevValue = first(form, "prevValue");
    if (form.containsKey("prevValue") && prevValue.isEmpty()) {
      throw invalid(EtcdError.PREV_VALUE_REQUIRED, "\"prevValue\" cannot be empty");
    }
    boolean noValueOnSuccess = bool(form, "noValueOnSuccess");
    // ttl= (empty) means "no TTL" (KEY-038).
    Long ttl = null;
    if (!first(form, "ttl").isEmpty()) {
      ttl = uint(form, "ttl", EtcdError.TTL_NAN);
    }
    Boolean prevExist = null;
    if (form.containsKey("prevExist")) {
      prevExist = nullableBool(form, "prevExist");
    }
    Boolean refresh = null;
    if (form.containsKey("refresh")) {
      refresh = nullableBool(form, "refresh");
      if (refresh) {
        if (form.containsKey("value") && !first(form, "value").isEmpty()) {
          throw invalid(EtcdError.REFRESH_VALUE, "A value was provided on a refresh");
        }
        if (ttl == null) {
          throw invalid(EtcdError.REFRESH_TTL_REQUIRED, "No TTL value set");
        }
      }
    }
    Instant expiration = ttl == null ? null : expiration(now, ttl);
    Method m = Method.valueOf(method);
    // etcd turns every GET with quorum=true into QGET, even a watch (wait is then ignored).
    if (m == Method.GET && quorum) {
      m = Method.QGET;
    }
    Request request =
        new Request(
            m,
            storePath,
            first(form, "value"),
            dir,
            prevValue,
            prevIndex,
            prevExist,
            expiration,
            wait,
            waitIndex,
            recursive,
            sorted,
            quorum,
            stream,
            refresh,
            null);
    return new KeysRequest(request, noValueOnSuccess);
  }

  /**
   * Go's {@code ParseForm}: the body's pairs (url-encoded bodies of POST/PUT/PATCH only) come
   * first, then the query's, so the body wins (KEY-030..033).
   */
  private static Map<String, List<String>> parseForm(
      String method, String rawQuery, String contentType, byte[] body) throws EtcdException {
    Map<String, List<String>> form = GoUrl.newForm();
    String firstError = null;
    if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
        && isUrlEncodedForm(contentType)) {
      if (body.length > MAX_FORM_BYTES) {
        throw invalid(EtcdError.INVALID_FORM, "http: POST too large");
      }
      try {
        GoUrl.parseQuery(new String(body, StandardCharsets.ISO_8859_1), form);
      } catch (GoUrl.DecodeException e) {
        firstError = e.getMessage();
      }
    }
    try {
      GoUrl.parseQuery(rawQuery, form);
    } catch (GoUrl.DecodeException e) {
      firstError = firstError != null ? firstError : e.getMessage();
    }
    if (firstError != null) {
      throw invalid(EtcdError.INVALID_FORM, firstError);
    }
    return form;
  }

  private static boolean isUrlEncodedForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String mediaType = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded");
  }

  /** Go adds the TTL as a Duration (int64 nanoseconds); past that range it saturates here. */
  private static Instant expiration(Instant now, long ttlSeconds) {
    long maxSeconds = Long.MAX_VALUE / 1_000_000_000L;
    if (ttlSeconds < 0 || ttlSeconds > maxSeconds) {
      return now.plusSeconds(maxSeconds);
    }
    return now.plusSeconds(ttlSeconds);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null ? "" : values.get(0);
  }

  private static long uint(Map<String, List<String>> form, String name, EtcdError error)
      throws EtcdException {
    List<String> values = form.get(name);
    if (values == null) {
      return 0;
    }
    try {
      return GoStrconv.parseUint64(values.get(0));
    } catch (NumberFormatException e) {
      throw invalid(error, "invalid value for \"" + name + "\"");
    }
  }

  private static boolean bool(Map<String, List<String>> form, String name) throws EtcdException {
    List<String> values = form.get(name);
    if (values == null) {
      return false;
    }
    try {
      return GoStrconv.parseBool(values.get(0));
    } catch (NumberFormatException e) {
      throw invalid(EtcdError.INVALID_FIELD, "invalid value for \"" + name + "\"");
    }
  }

  /** prevExist and refresh: etcd's message has no quotes around the name (KEY-036). */
  private static boolean nullableBool(Map<String, List<String>> form, String name)
      throws EtcdException {
    try {
      return GoStrconv.parseBool(form.get(name).get(0));
    } catch (NumberFormatException e) {
      throw invalid(EtcdError.INVALID_FIELD, "invalid value for " + name);
    }
  }

  private static EtcdException invalid(EtcdError error, String cause) {
    return new EtcdException(error, cause, 0);
  }
}
