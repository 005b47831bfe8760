package dev.parley.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The embedded default's folder (PARLEY_DATA_DIR): the H2 database, admin.key and secrets.key, all
 * readable by their owner only where the file system has POSIX permissions (a folder of 700, files
 * of 600).
 */
public final class DataFolder {

    public static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** What Parley writes there: H2's files (parley.mv.db, parley.trace.db, ...) and the two keys. */
    private static final List<String> KEYS = List.of("admin.key", "secrets.key");
    private static final Logger LOG = Logger.getLogger(DataFolder.class);

    private DataFolder() {
    }

    /**
     * Makes the folder, or narrows it and Parley's files in it to their owner. H2 creates its file
     * before the application's own start (Flyway migrates first), so on a first start the folder is
     * narrowed right after the schema is made and before any record or key is written. A folder this
     * process does not own (an arbitrary UID in group 0, as OpenShift runs images) is left as it is,
     * with a warning.
     */
    public static void secure(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, attributes(folder.toAbsolutePath().getParent(), OWNER_ONLY_FOLDER));
            }
            if (!posix(folder)) {
                LOG.warnf("%s has no POSIX permissions: it and its files keep the permissions the system gives them",
                        folder);
                return;
            }
            narrow(folder, OWNER_ONLY_FOLDER);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).filter(DataFolder::parleys).toList()) {
                    narrow(file, OWNER_ONLY_FILE);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the data folder " + folder.toAbsolutePath(), e);
        }
    }

    /**
     * Writes {@code text} to {@code file}, born readable by its owner only: a temporary file is created
     * with mode 600 (never widened and narrowed afterwards), written, forced to disk and moved into
     * place in one step, so no reader ever sees a partial file.
     */
    public static void writeOwnerOnly(Path file, String text) {
        Path folder = file.toAbsolutePath().getParent();
        Path partial = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(folder);
            Files.createFile(partial, attributes(folder, OWNER_ONLY_FILE));
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + partial + " exists", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.warnf("Could not remove %s: %s", partial, e.getMessage());
            }
        }
    }

    static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }

    private static FileAttribute<?>[] attributes(Path folder, Set<PosixFilePermission> permissions)
            throws IOException {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && posix(existing)
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
                : new FileAttribute<?>[0];
    }

    private static boolean parleys(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("parley.") || KEYS.contains(name);
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            if (!wanted.containsAll(now)) {
                Files.setPosixFilePermissions(path, wanted);
                LOG.infof("%s was %s; now %s", path, PosixFilePermissions.toString(now),
                        PosixFilePermissions.toString(wanted));
            }
        } catch (IOException e) {
            LOG.warnf("Cannot narrow %s to its owner (%s): is it another user's?", path, e.getMessage());
        }
    }
}
