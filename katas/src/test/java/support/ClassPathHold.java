package support;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Holds child JVMs at a point of the test's choosing, without a hook in their command line: a
 * locked file that the children find on the class path they inherit.
 *
 * <p>While a hold is open, {@code java.class.path} names one more folder, holding the resource
 * {@code resource} as an empty file that this JVM has locked. Code under test that starts a child
 * JVM with this JVM's class path hands that folder on; given code in the child that looks the
 * resource up and takes a shared lock on it ({@code FileChannel.lock(0, Long.MAX_VALUE, true)})
 * waits there until {@link #close} lets go, or until this JVM ends (the operating system then drops
 * the lock). This JVM's own class loaders never see the folder.
 */
public final class ClassPathHold implements AutoCloseable {

    private final String classPath;
    private final Path root;
    private final FileChannel file;
    private final FileLock lock;

    private ClassPathHold(String resource) throws IOException {
        classPath = System.getProperty("java.class.path");
        root = Files.createTempDirectory("hold");
        Path held = root.resolve(resource);
        Files.createDirectories(held.getParent());
        file = FileChannel.open(held, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        lock = file.lock();
        System.setProperty("java.class.path", classPath + File.pathSeparator + root);
    }

    /**
     * Locks a new file at {@code resource} (a class-path resource name, such as
     * {@code k05_no_shared_memory/GlobalBalance.hold}) and puts its folder on {@code java.class.path}.
     *
     * @throws IOException if the file cannot be made or locked
     */
    public static ClassPathHold of(String resource) throws IOException {
        return new ClassPathHold(Objects.requireNonNull(resource, "resource"));
    }

    /** Lets the held children go on, and puts {@code java.class.path} back as it was. */
    @Override
    public void close() throws IOException {
        System.setProperty("java.class.path", classPath);
        lock.release();
        file.close();
        // Best effort: on Windows a child that has just been let go may still have the file open,
        // and its folder cannot go until it closes it. A left-over empty file in the temp folder
        // must not fail the test: what is left goes when this JVM ends.
        List<Path> all;
        try (Stream<Path> files = Files.walk(root)) {
            all = files.sorted().toList(); // parents first
        }
        try {
            for (Path p : all.reversed()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException stillOpen) {
            // Deleted at exit in the reverse order of registration: parents registered first go last.
            all.forEach(p -> p.toFile().deleteOnExit());
        }
    }
}
