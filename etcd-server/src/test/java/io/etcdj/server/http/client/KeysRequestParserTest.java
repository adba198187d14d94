package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.Request;
import io.etcdj.server.Request.Method;
import io.etcdj.store.EtcdError;
import io.etcdj.store.EtcdException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request parsing: SPEC KEY-030..047, with every KEY-036 validation case and its order. */
class KeysRequestParserTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final String FORM = "application/x-www-form-urlencoded";

  /** One KEY-036 row: a request and the error etcd gives it. */
  record ErrorRow(String method, String query, String body, EtcdError error, String cause) {
    @Override
    public String toString() {
      return method + " ?" + query + " body=" + body + " -> " + error.code() + " " + cause;
    }
  }

  static Stream<ErrorRow> errorRows() {
    return Stream.of(
        new ErrorRow("GET", "prevIndex=x", "", EtcdError.INDEX_NAN, "invalid value for \"prevIndex\""),
        new ErrorRow("GET", "prevIndex=", "", EtcdError.INDEX_NAN, "invalid value for \"prevIndex\""),
        new ErrorRow("GET", "prevIndex=-1", "", EtcdError.INDEX_NAN, "invalid value for \"prevIndex\""),
        new ErrorRow("GET", "prevIndex=+1", "", EtcdError.INDEX_NAN, "invalid value for \"prevIndex\""),
        new ErrorRow(
            "GET", "prevIndex=18446744073709551616", "", EtcdError.INDEX_NAN,
            "invalid value for \"prevIndex\""),
        new ErrorRow("GET", "waitIndex=1.5", "", EtcdError.INDEX_NAN, "invalid value for \"waitIndex\""),
        // prevIndex is checked before waitIndex
        new ErrorRow(
            "GET", "waitIndex=x&prevIndex=y", "", EtcdError.INDEX_NAN,
            "invalid value for \"prevIndex\""),
        new ErrorRow("GET", "recursive=yes", "", EtcdError.INVALID_FIELD, "invalid value for \"recursive\""),
        new ErrorRow("GET", "sorted=2", "", EtcdError.INVALID_FIELD, "invalid value for \"sorted\""),
        new ErrorRow("GET", "wait=maybe", "", EtcdError.INVALID_FIELD, "invalid value for \"wait\""),
        new ErrorRow("PUT", "", "dir=maybe", EtcdError.INVALID_FIELD, "invalid value for \"dir\""),
        new ErrorRow("GET", "quorum=tRuE", "", EtcdError.INVALID_FIELD, "invalid value for \"quorum\""),
        new ErrorRow("GET", "stream=", "", EtcdError.INVALID_FIELD, "invalid value for \"stream\""),
        // indexes are checked before booleans
        new ErrorRow("GET", "recursive=x&waitIndex=x", "", EtcdError.INDEX_NAN,
            "invalid value for \"waitIndex\""),
        // booleans in etcd's order: recursive, sorted, wait, dir, quorum, stream
        new ErrorRow("GET", "stream=x&recursive=x", "", EtcdError.INVALID_FIELD,
            "invalid value for \"recursive\""),
        new ErrorRow("GET", "quorum=x&dir=x", "", EtcdError.INVALID_FIELD,
            "invalid value for \"dir\""),
        new ErrorRow("PUT", "wait=true", "", EtcdError.INVALID_FIELD,
            "\"wait\" can only be used with GET requests"),
        new ErrorRow("HEAD", "wait=true", "", EtcdError.INVALID_FIELD,
            "\"wait\" can only be used with GET requests"),
        new ErrorRow("PUT", "", "prevValue=", EtcdError.PREV_VALUE_REQUIRED,
            "\"prevValue\" cannot be empty"),
        new ErrorRow("PUT", "prevValue=&wait=true", "", EtcdError.INVALID_FIELD,
            "\"wait\" can only be used with GET requests"),
        new ErrorRow("PUT", "noValueOnSuccess=yes", "", EtcdError.INVALID_FIELD,
            "invalid value for \"noValueOnSuccess\""),
        new ErrorRow("PUT", "prevValue=&noValueOnSuccess=yes", "", EtcdError.PREV_VALUE_REQUIRED,
            "\"prevValue\" cannot be empty"),
        new ErrorRow("PUT", "ttl=abc", "", EtcdError.TTL_NAN, "invalid value for \"ttl\""),
        new ErrorRow("PUT", "ttl=-5", "", EtcdError.TTL_NAN, "invalid value for \"ttl\""),
        new ErrorRow("PUT", "ttl=x&noValueOnSuccess=x", "", EtcdError.INVALID_FIELD,
            "invalid value for \"noValueOnSuccess\""),
        new ErrorRow("PUT", "prevExist=yes", "", EtcdError.INVALID_FIELD, "invalid value for prevExist"),
        new ErrorRow("PUT", "prevExist=", "", EtcdError.INVALID_FIELD, "invalid value for prevExist"),
        new ErrorRow("PUT", "prevExist=x&ttl=x", "", EtcdError.TTL_NAN, "invalid value for \"ttl\""),
        new ErrorRow("PUT", "refresh=yes", "", EtcdError.INVALID_FIELD, "invalid value for refresh"),
        new ErrorRow("PUT", "refresh=x&prevExist=x", "", EtcdError.INVALID_FIELD,
            "invalid value for prevExist"),
        new ErrorRow("PUT", "refresh=true&ttl=5", "value=v", EtcdError.REFRESH_VALUE,
            "A value was provided on a refresh"),
        new ErrorRow("PUT", "refresh=true", "", EtcdError.REFRESH_TTL_REQUIRED, "No TTL value set"),
        new ErrorRow("PUT", "refresh=true&ttl=", "", EtcdError.REFRESH_TTL_REQUIRED,
            "No TTL value set"),
        new ErrorRow("PUT", "refresh=true&value=v", "", EtcdError.REFRESH_VALUE,
            "A value was provided on a refresh"),
        // malformed forms: KEY-033
        new ErrorRow("PUT", "", "value=%zz", EtcdError.INVALID_FORM, "invalid URL escape \"%zz\""),
        new ErrorRow("PUT", "", "value=%4", EtcdError.INVALID_FORM, "invalid URL escape \"%4\""),
        new ErrorRow("GET", "a=%", "", EtcdError.INVALID_FORM, "invalid URL escape \"%\""),
        new ErrorRow("GET", "a=1;b=2", "", EtcdError.INVALID_FORM,
            "invalid semicolon separator in query"));
  }

  /** KEY-036: each invalid request gets etcd's code and cause, index 0. */
  @ParameterizedTest
  @MethodSource("errorRows")
  void rejectsInvalidParametersInEtcdsOrder(ErrorRow row) {
    assertThatThrownBy(() -> parse(row.method(), "/v2/keys/foo", row.query(), FORM, row.body()))
        .isInstanceOfSatisfying(
            EtcdException.class,
            e -> {
              assertThat(e.error()).isEqualTo(row.error());
              assertThat(e.errorCause()).isEqualTo(row.cause());
              assertThat(e.index()).isZero();
            });
  }

  /** KEY-034: exactly Go's ParseBool spellings are accepted. */
  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  void acceptsEveryGoSpellingOfTrue(String spelling) throws Exception {
    assertThat(parse("GET", "/v2/keys/a", "recursive=" + spelling, null, "").request().recursive())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
  void acceptsEveryGoSpellingOfFalse(String spelling) throws Exception {
    assertThat(parse("GET", "/v2/keys/a", "sorted=" + spelling, null, "").request().sorted())
        .isFalse();
  }

  /** KEY-030: body values win over query values of the same name. */
  @Test
  void bodyWinsOverQuery() throws Exception {
    Request r = parse("PUT", "/v2/keys/a", "value=q&ttl=7", FORM, "value=b").request();
    assertThat(r.value()).isEqualTo("b");
    assertThat(r.expiration()).isEqualTo(NOW.plusSeconds(7));
  }

  /** KEY-031: bodies of other content types, and bodies of GET/DELETE, are ignored. */
  @Test
  void ignoresBodiesThatAreNotForms() throws Exception {
    assertThat(parse("PUT", "/v2/keys/a", "", "application/json", "value=b").request().value())
        .isEmpty();
    assertThat(parse("PUT", "/v2/keys/a", "", null, "value=b").request().value()).isEmpty();
    assertThat(parse("DELETE", "/v2/keys/a", "", FORM, "dir=maybe").request().dir()).isFalse();
    assertThat(
            parse("PUT", "/v2/keys/a", "", "Application/X-WWW-Form-Urlencoded; charset=utf-8",
                "value=b")
                .request()
                .value())
        .isEqualTo("b");
  }

  /** KEY-032: the first occurrence of a repeated parameter counts. */
  @Test
  void firstOccurrenceWins() throws Exception {
    assertThat(parse("PUT", "/v2/keys/a", "", FORM, "value=1&value=2").request().value())
        .isEqualTo("1");
  }

  /** KEY-033: a body over 10 MiB is error 210; exactly 10 MiB is accepted. */
  @Test
  void formBodyOverTenMebibytesIsInvalid() throws Exception {
    byte[] atLimit = new byte[KeysRequestParser.MAX_FORM_BYTES];
    java.util.Arrays.fill(atLimit, (byte) 'a');
    System.arraycopy("value=".getBytes(StandardCharsets.US_ASCII), 0, atLimit, 0, 6);
    assertThat(KeysRequestParser.parse("PUT", "/v2/keys/a", "", FORM, atLimit, NOW).request()
            .value())
        .hasSize(KeysRequestParser.MAX_FORM_BYTES - 6);
    byte[] over = java.util.Arrays.copyOf(atLimit, atLimit.length + 1);
    over[over.length - 1] = 'a';
    assertThatThrownBy(() -> KeysRequestParser.parse("PUT", "/v2/keys/a", "", FORM, over, NOW))
        .isInstanceOfSatisfying(
            EtcdException.class,
            e -> {
              assertThat(e.error()).isEqualTo(EtcdError.INVALID_FORM);
              assertThat(e.errorCause()).isEqualTo("http: POST too large");
            });
  }

  /** KEY-038: ttl= means no TTL; ttl=0 expires now. */
  @Test
  void emptyTtlMeansPermanentAndZeroMeansNow() throws Exception {
    assertThat(parse("PUT", "/v2/keys/a", "ttl=", null, "").request().expiration()).isNull();
    assertThat(parse("PUT", "/v2/keys/a", "ttl=0", null, "").request().expiration()).isEqualTo(NOW);
  }

  /** KEY-005, KEY-021, KEY-023: the store path is clean("/1/" + path). */
  @Test
  void mapsKeysPathsToTheStoreNamespace() throws Exception {
    assertThat(parse("GET", "/v2/keys", "", null, "").request().path()).isEqualTo("/1");
    assertThat(parse("GET", "/v2/keys/", "", null, "").request().path()).isEqualTo("/1");
    assertThat(parse("PUT", "/v2/keys/slash/", "", null, "").request().path())
        .isEqualTo("/1/slash");
    assertThat(parse("PUT", "/v2/keys/a/b", "", null, "").request().path()).isEqualTo("/1/a/b");
  }

  /** KEY-040, KEY-046, KEY-044: nullable booleans and QGET. */
  @Test
  void keepsNullableFlagsAndTurnsQuorumGetsIntoQget() throws Exception {
    Request plain = parse("PUT", "/v2/keys/a", "", null, "").request();
    assertThat(plain.prevExist()).isNull();
    assertThat(plain.refresh()).isNull();
    Request r = parse("PUT", "/v2/keys/a", "prevExist=false&refresh=0", null, "").request();
    assertThat(r.prevExist()).isFalse();
    assertThat(r.refresh()).isFalse();
    assertThat(parse("GET", "/v2/keys/a", "quorum=true", null, "").request().method())
        .isEqualTo(Method.QGET);
    assertThat(parse("HEAD", "/v2/keys/a", "quorum=true", null, "").request().method())
        .isEqualTo(Method.HEAD);
  }

  /** KEY-047: unknown parameters are ignored; KEY-098 noValueOnSuccess is kept aside. */
  @Test
  void ignoresUnknownParameters() throws Exception {
    KeysRequest r = parse("PUT", "/v2/keys/a", "whatever=1&noValueOnSuccess=true", null, "");
    assertThat(r.noValueOnSuccess()).isTrue();
  }

  /** KEY-022: + is a space in forms; non-UTF-8 bytes become replacement characters. */
  @Test
  void decodesFormValuesAsGoDoes() throws Exception {
    assertThat(parse("PUT", "/v2/keys/a", "", FORM, "value=a+b%20c%2Fd").request().value())
        .isEqualTo("a b c/d");
    assertThat(parse("PUT", "/v2/keys/a", "", FORM, "value=%FF").request().value())
        .isEqualTo("\uFFFD");
  }

  private static KeysRequest parse(
      String method, String path, String query, String contentType, String body)
      throws EtcdException {
    return KeysRequestParser.parse(
        method, path, query, contentType, body.getBytes(StandardCharsets.ISO_8859_1), NOW);
  }
}
