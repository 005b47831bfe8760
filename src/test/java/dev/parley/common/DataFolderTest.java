package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's folder and files are their owner's alone, on a POSIX file system. */
class DataFolderTest {

    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() throws IOException {
        assumeTrue(DataFolder.posix(temp), "the file system under " + temp + " has no POSIX permissions");
    }

    @Test
    void aNewFolderIsMadeForItsOwnerOnly() throws IOException {
        Path folder = temp.resolve("a/data");
        DataFolder.secure(folder);
        assertThat(mode(folder)).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderAndParleysFilesAreNarrowedAndOtherFilesLeftAlone() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = create(folder.resolve("parley.mv.db"), "rw-r--r--");
        Path adminKey = create(folder.resolve("admin.key"), "rw-rw-r--");
        Path other = create(folder.resolve("notes.txt"), "rw-r--r--");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataFolder.secure(folder);

        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(mode(database)).isEqualTo("rw-------");
        assertThat(mode(adminKey)).isEqualTo("rw-------");
        assertThat(mode(other)).as("not Parley's").isEqualTo("rw-r--r--");
    }

    @Test
    void anOwnerOnlyFileIsWrittenWholeAndLeavesNothingBehind() throws IOException {
        Path file = temp.resolve("data/secrets.key");
        DataFolder.writeOwnerOnly(file, "first\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("first\n");
        DataFolder.writeOwnerOnly(file, "second\n");
        assertThat(Files.readString(file)).isEqualTo("second\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    private static Path create(Path file, String mode) throws IOException {
        Path created = Files.createFile(file);
        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString(mode));
        return created;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
