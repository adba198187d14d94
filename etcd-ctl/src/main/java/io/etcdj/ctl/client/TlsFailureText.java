package io.etcdj.ctl.client;

import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The text Go's TLS client gives for a failure that Java reports as an {@link SSLException}, for
 * the endpoint errors etcdctl prints (ERR-006, CTL-001): an alert from the server is {@code remote
 * error: tls: <alert>} with Go's name for it, a server that answers in plain HTTP is {@code tls:
 * first record does not look like a TLS handshake}, one that closes the connection during the
 * handshake is {@code EOF}, and certificate checks are Go's {@code x509:} errors.
 *
 * <p>Stateless; thread-safe.
 */
final class TlsFailureText {
  /** Java's alert names (sun.security.ssl.Alert) to Go's texts (crypto/tls alertText). */
  private static final Map<String, String> ALERTS =
      Map.ofEntries(
          Map.entry("close_notify", "close notify"),
          Map.entry("unexpected_message", "unexpected message"),
          Map.entry("bad_record_mac", "bad record MAC"),
          Map.entry("decryption_failed", "decryption failed"),
          Map.entry("record_overflow", "record overflow"),
          Map.entry("decompression_failure", "decompression failure"),
          Map.entry("handshake_failure", "handshake failure"),
          Map.entry("bad_certificate", "bad certificate"),
          Map.entry("unsupported_certificate", "unsupported certificate"),
          Map.entry("certificate_revoked", "revoked certificate"),
          Map.entry("certificate_expired", "expired certificate"),
          Map.entry("certificate_unknown", "unknown certificate"),
          Map.entry("illegal_parameter", "illegal parameter"),
          Map.entry("unknown_ca", "unknown certificate authority"),
          Map.entry("access_denied", "access denied"),
          Map.entry("decode_error", "error decoding message"),
          Map.entry("decrypt_error", "error decrypting message"),
          Map.entry("protocol_version", "protocol version not supported"),
          Map.entry("insufficient_security", "insufficient security level"),
          Map.entry("internal_error", "internal error"),
          Map.entry("inappropriate_fallback", "inappropriate fallback"),
          Map.entry("user_canceled", "user canceled"),
          Map.entry("no_renegotiation", "no renegotiation"),
          Map.entry("missing_extension", "missing extension"),
          Map.entry("unsupported_extension", "unsupported extension"),
          Map.entry("unrecognized_name", "unrecognized name"),
          Map.entry("certificate_required", "certificate required"),
          Map.entry("no_application_protocol", "no application protocol"));

  private static final String RECEIVED_ALERT = "Received fatal alert: ";

  private TlsFailureText() {}

  /** Go's text for {@code e} on endpoint {@code ep}, or null when it is not a TLS matter. */
  static String of(URI ep, SSLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("certification path") || m.contains("PKIX")) {
      return "x509: certificate signed by unknown authority";
    }
    if (m.contains("No subject alternative")
        || m.contains("No name matching")
        || m.contains("doesn't match")) {
      return "x509: certificate is valid for other names, not " + ep.getHost();
    }
    if (m.startsWith(RECEIVED_ALERT)) {
      String name = m.substring(RECEIVED_ALERT.length());
      return "remote error: tls: " + ALERTS.getOrDefault(name, name.replace('_', ' '));
    }
    if (m.contains("Unsupported or unrecognized SSL message")) {
      return "tls: first record does not look like a TLS handshake";
    }
    if (m.contains("Remote host terminated the handshake")) {
      return "EOF";
    }
    // Any other handshake failure: Go's form for the alerts it receives, with Java's words.
    return e instanceof SSLHandshakeException ? "remote error: tls: " + m : null;
  }
}
