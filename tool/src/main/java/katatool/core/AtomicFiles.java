package katatool.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Writes files that a reader sees either whole or not at all, and retries the file steps that
 * Windows refuses for a moment.
 *
 * <p>On Windows a virus scanner, the search indexer or OneDrive opens a file just written, and
 * while it holds it a move over it or a delete fails with {@link AccessDeniedException} or a
 * plain {@link FileSystemException} ("being used by another process"); a folder whose last file
 * is still pending deletion cannot be removed ({@link DirectoryNotEmptyException}). Such a hold
 * lasts milliseconds, so each step is tried again with growing pauses before it counts as failed.
 * Elsewhere these errors are lasting, and the retries only delay the same message by a few seconds.
 */
public final class AtomicFiles {

    /** One step on the file system. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    /** Where tests inject a refusal: called before each attempt of a step, it may throw. */
    @FunctionalInterface
    interface Faults {
        void before(String step, Path path) throws IOException;
    }

    static final Faults NO_FAULTS = (step, path) -> {};

    /** The test seam; {@link #NO_FAULTS} outside tests. */
    static volatile Faults faults = NO_FAULTS;

    /** Pauses between attempts, about 3 s in all: longer than a scanner holds a file it just opened. */
    static final long[] BACKOFF_MILLIS = {10, 20, 50, 100, 200, 400, 800, 1500};

    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to a temporary file in the target's own folder, then moves it over the
     * target in one step: a crash or a kill mid-write leaves the old file (or none), never half.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        retrying("create folder", dir, () -> Files.createDirectories(dir));
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
        try {
            Files.write(temp, bytes);
            move(temp, target);
        } catch (IOException | RuntimeException failure) {
            try {
                delete(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup); // the write's own failure is the one to report
            }
            throw failure;
        }
    }

    /** Moves {@code from} over {@code to}, atomically where the file system can, retrying a refusal. */
    static void move(Path from, Path to) throws IOException {
        retrying("move", to, () -> {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    /** Deletes {@code path} if it exists, retrying a refusal. */
    public static void delete(Path path) throws IOException {
        retrying("delete", path, () -> Files.deleteIfExists(path));
    }

    /**
     * Runs {@code step} until it succeeds, trying again after each pause of {@link #BACKOFF_MILLIS}
     * while it fails in a way that a brief lock explains.
     *
     * @throws IOException the last failure, or the first that no lock explains
     */
    public static void retrying(String name, Path path, Step step) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                faults.before(name, path);
                step.run();
                return;
            } catch (FileSystemException e) {
                if (!transientOnWindows(e) || attempt == BACKOFF_MILLIS.length) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(BACKOFF_MILLIS[attempt]); // a pause, not a synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether Windows reports a brief lock this way: access denied, a file in use (a plain
     * {@link FileSystemException}), or a folder still holding a file pending deletion. A missing
     * file, an existing target or an unsupported atomic move are answers, not locks.
     */
    static boolean transientOnWindows(FileSystemException e) {
        return e instanceof AccessDeniedException || e instanceof DirectoryNotEmptyException
                || e.getClass() == FileSystemException.class;
    }
}
