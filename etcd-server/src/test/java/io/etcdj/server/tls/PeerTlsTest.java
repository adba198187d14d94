package io.etcdj.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the peer transport gets for each kind of member (FLG-042): a member on plain http gets
 * {@link PeerTls#none()} and so no TLS handler anywhere; an https listener gets a server context.
 */
class PeerTlsTest {
  private static final List<URI> HTTP = List.of(URI.create("http://127.0.0.1:2380"));
  private static final List<URI> HTTPS = List.of(URI.create("https://127.0.0.1:2380"));

  @Test
  void aPlainHttpMemberHasNoPeerTls() {
    PeerTls tls = PeerTls.of(TlsInfo.none(), HTTP);

    assertThat(tls).isSameAs(PeerTls.none());
    assertThat(tls.server()).isNull();
  }

  @Test
  void anHttpsListenerServesTlsAndDialsWithTheSameCertificate() {
    PeerTls tls = PeerTls.of(TestCerts.member("member-ec", true), HTTPS);

    assertThat(tls.server()).isNotNull();
    assertThat(tls.server().isServer()).isTrue();
    assertThat(tls.client().isClient()).isTrue();
  }

  /** etcd 2.3 ignores peer certificates on an http listener, but dials https peers with them. */
  @Test
  void certificatesWithAnHttpListenerAreOnlyUsedForDialling() {
    PeerTls tls = PeerTls.of(TestCerts.member("member", false), HTTP);

    assertThat(tls).isNotSameAs(PeerTls.none());
    assertThat(tls.server()).isNull();
    assertThat(tls.client().isClient()).isTrue();
  }

  @Test
  void anHttpsListenerWithoutCertificateIsRefusedAsEtcdRefusesIt() {
    assertThatThrownBy(
            () -> PeerTls.of(TlsInfo.none(), List.of(URI.create("https://localhost:7001"))))
        .isInstanceOf(TlsSetupException.class)
        .hasMessage(
            "cannot listen on TLS for 127.0.0.1:7001: KeyFile and CertFile are not presented");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    TlsInfo certOnly = new TlsInfo(TestCerts.file("member.pem"), "", "", "", false);

    assertThatThrownBy(() -> PeerTls.of(certOnly, HTTPS))
        .isInstanceOf(TlsSetupException.class)
        .hasMessageContaining("both a certificate and a key file are needed");
  }
}
