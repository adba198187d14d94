package io.etcdj.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PEM forms etcd users have on disk (FLG-041, FLG-042): each key format loads and is the
 * private half of its certificate.
 */
class PemFilesTest {
  record Row(String member, String pemType, String algorithm) {}

  static List<Row> keyFormats() {
    return List.of(
        new Row("member", "BEGIN PRIVATE KEY", "RSA"),
        new Row("member-rsa", "BEGIN RSA PRIVATE KEY", "RSA"),
        new Row("member-ec", "BEGIN EC PRIVATE KEY", "EC"));
  }

  @ParameterizedTest
  @MethodSource("keyFormats")
  void eachKeyFormatLoadsAndMatchesItsCertificate(Row row) throws Exception {
    Path keyFile = TestPem.file(row.member() + "-key.pem");
    assertThat(Files.readString(keyFile)).startsWith("-----" + row.pemType() + "-----");

    PrivateKey key = PemFiles.privateKey(keyFile);
    X509Certificate cert = PemFiles.certificates(TestPem.file(row.member() + ".pem")).get(0);

    assertThat(key.getAlgorithm()).isEqualTo(row.algorithm());
    String scheme = row.algorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] data = "etcd".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(scheme);
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(scheme);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void anEcParametersBlockBeforeTheKeyIsSkipped(@TempDir Path dir) throws Exception {
    // What `openssl ecparam -name prime256v1 -genkey` writes (without -noout).
    String params =
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    Path file = dir.resolve("key.pem");
    Files.writeString(file, params + Files.readString(TestPem.file("member-ec-key.pem")));

    assertThat(PemFiles.privateKey(file).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aCaBundleGivesEveryCertificate(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(
        bundle,
        Files.readString(TestPem.file("ca.pem")) + Files.readString(TestPem.file("other-ca.pem")));

    assertThat(PemFiles.certificates(bundle))
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=etcdj test CA", "CN=etcdj other CA");
  }

  @Test
  void anEncryptedKeyIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key.pem");
    Files.writeString(
        file,
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> PemFiles.privateKey(file))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("encrypted private keys are not supported");
  }

  @Test
  void aMissingFileIsNamedAsGoNamesIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.pem");

    assertThatThrownBy(() -> PemFiles.certificates(missing))
        .isInstanceOf(TlsFileException.class)
        .hasMessage("open " + missing + ": no such file or directory");
  }

  @Test
  void aFileWithoutAKeyIsRefused() {
    assertThatThrownBy(() -> PemFiles.privateKey(TestPem.file("ca.pem")))
        .isInstanceOf(TlsFileException.class)
        .hasMessageContaining("failed to find any PEM data in key input");
  }
}
