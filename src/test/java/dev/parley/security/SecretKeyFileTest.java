package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key the embedded default makes for itself when PARLEY_SECRETS_KEY is not set. */
class SecretKeyFileTest {

    @TempDir
    Path temp;

    @Test
    void theKeyFileIsMadeOnceReadableByItsOwnerOnlyAndReadAgainAfterwards() throws IOException {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Path file = temp.resolve("data").resolve(SecretsAtRest.KEY_FILE);
        byte[] made = SecretsAtRest.keyFile(file);
        assertThat(made).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretsAtRest.keyFile(file)).as("the same key on the next start").isEqualTo(made);
        assertThat(Files.readString(file).strip()).hasSize(44);
    }

    @Test
    void aDamagedKeyFileStopsTheStartNamingTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve(SecretsAtRest.KEY_FILE), "short\n");
        assertThatThrownBy(() -> SecretsAtRest.keyFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString());
    }
}
