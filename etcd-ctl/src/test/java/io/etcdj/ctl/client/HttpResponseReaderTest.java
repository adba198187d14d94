package io.etcdj.ctl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answers etcd members send, framed every way HTTP/1.1 allows. */
class HttpResponseReaderTest {
  private static HttpAnswer read(String raw) throws IOException {
    return HttpResponseReader.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aBodyOfAGivenLengthAndTheEtcdIndex() throws IOException {
    HttpAnswer a =
        read(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Etcd-Index: 7\r\n"
                + "content-length: 5\r\n\r\nhello and what follows is not read");
    assertThat(a.status()).isEqualTo(201);
    assertThat(a.etcdIndex()).isEqualTo("7");
    assertThat(a.body()).isEqualTo("hello");
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailers() throws IOException {
    HttpAnswer a =
        read(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n");
    assertThat(a.body()).isEqualTo("{\"a\":1}");
    assertThat(a.etcdIndex()).isNull();
  }

  @Test
  void aBodyUpToTheEndOfTheConnectionAndBareLineFeeds() throws IOException {
    assertThat(read("HTTP/1.0 404 Not Found\nX-Etcd-Index: 3\n\n{\"errorCode\":100}").body())
        .isEqualTo("{\"errorCode\":100}");
  }

  @Test
  void interimAnswersAreSkipped() throws IOException {
    HttpAnswer a =
        read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo("ok");
  }

  @Test
  void noBodyForNoContent() throws IOException {
    assertThat(read("HTTP/1.1 204 No Content\r\n\r\n").body()).isEmpty();
  }

  @Test
  void aCutOrMalformedAnswerIsAnError() {
    assertThatThrownBy(() -> read("")).isInstanceOf(EOFException.class).hasMessage("EOF");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n\r\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed HTTP response");
    assertThatThrownBy(() -> read("HTTP/1.1 2x0 OK\r\n\r\n"))
        .hasMessageContaining("malformed HTTP status code");
  }
}
