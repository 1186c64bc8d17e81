package cn.examcore.server.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The node's data folder ({@code data-dir}): the embedded database and the secrets generated on first start. Whoever
 * reads a secret can forge every token or recompute every paper, and whoever reads the database file has every
 * answer and key, so the folder is created for the owner only (0700), secrets and database files are 0600, and a
 * secret file that group or others can read stops the start with the command that fixes it. On a file system
 * without POSIX permissions (Windows) the folder's ACL inherited from the parent is all there is.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /** Creates the folder (and missing parents) readable by the owner only; an existing folder is left as it is. */
    public static void create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (posix(dir.toAbsolutePath().getParent())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                // createDirectories applies the umask; set the mode itself.
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    /**
     * The secret kept in {@code file}: read when it exists (refused when group or others may read it), else 48 random
     * bytes in base64, written to a new file that only the owner may read.
     */
    static String secret(Path file) {
        try {
            if (Files.exists(file)) {
                requireOwnerOnly(file);
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] b = new byte[48];
            new SecureRandom().nextBytes(b);
            String secret = Base64.getEncoder().encodeToString(b);
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (FileAlreadyExistsException e) {
            // Another node on the same folder wrote it between the check and the create.
            return secret(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }

    /**
     * Writes {@code text} to {@code file} (replaced when it exists) readable by its owner only: the mode is set before
     * the first byte is written, so the content is never readable by others, not even for a moment.
     */
    public static void writeOwnerOnly(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                Files.setPosixFilePermissions(tmp, OWNER_ONLY_FILE);
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Fails naming the file and the command to run when group or others have any access to it. */
    static void requireOwnerOnly(Path file) throws IOException {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            Path absolute = file.toAbsolutePath().normalize();
            throw new IllegalStateException("the secret file " + absolute + " is accessible to group or others ("
                    + PosixFilePermissions.toString(mode) + "); anyone who reads it can forge tokens or recompute "
                    + "papers. Restrict it and start again: chmod 600 " + absolute);
        }
    }

    /**
     * Takes group and others' access away from the embedded database's files ({@code examcore.*}), which H2 creates
     * with the process umask.
     */
    static void restrictDatabaseFiles(Path dir) {
        if (!posix(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("examcore.")
                    && Files.isRegularFile(f)).toList()) {
                Files.setPosixFilePermissions(f, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the database files in " + dir, e);
        }
    }

    private static boolean posix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
