package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** bcrypt hashes with etcd's cost (SPEC OTH-062) and their cached checks (OTH-078). */
class PasswordsTest {
  private final Passwords passwords = new Passwords();

  @Test
  void hashesWithCostTenAndChecks() {
    String hash = passwords.hash("secret").join();
    assertThat(hash).startsWith("$2a$10$").hasSize(60);
    assertThat(passwords.check(hash, "wrong").join()).isFalse();
    assertThat(passwords.knownMatch(hash, "secret")).isFalse();
    assertThat(passwords.check(hash, "secret").join()).isTrue();
    assertThat(passwords.knownMatch(hash, "secret")).isTrue();
    assertThat(passwords.knownMatch(hash, "wrong")).isFalse();
  }

  /** A hash Go's bcrypt wrote (etcd's WAL, password "new") checks here too. */
  @Test
  void checksHashesEtcdWrote() {
    String fromEtcd = "$2a$10$ih.jQ5BBD8VllryKThZajOa/IJ/a1.tI9ESmdDhgW.DN8/kn3MFka";
    assertThat(passwords.check(fromEtcd, "new").join()).isTrue();
    assertThat(passwords.check(fromEtcd, "old").join()).isFalse();
  }

  @Test
  void malformedStoredHashesNeverMatch() {
    assertThat(passwords.check("not-a-hash", "pw").join()).isFalse();
  }
}
