package k04_queue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The tutorial's writer as a program of its own: writes {@link #item}(0) up to
 * {@code item(count - 1)} to standard output, one per line in UTF-8, then ends.
 *
 * <p>Its argument is the count. Its end is the poison pill: when it exits, its standard output
 * closes, and whoever reads it sees the end of the stream. If its parent dies first, it halts.
 */
public final class ProducerProgram {

    private ProducerProgram() {}

    /**
     * The {@code i}th item the producer writes; not plain ASCII, so a wrong charset anywhere on
     * the way shows.
     */
    public static String item(int i) {
        return "item-" + i + "-Grüße-进程";
    }

    public static void main(String[] args) {
        haltWithParent();
        waitWhileHeldByTheParent();
        int count = Integer.parseInt(args[0]);
        // UTF-8 stated here, not left to the platform: the consumer reads UTF-8 too.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            out.print(item(i) + "\n");
        }
        out.flush();
        out.close();
    }

    /**
     * A child must never outlive its parent, even one killed without a chance to clean up, nor one
     * that died before this child got here (then the child has been handed to init or a subreaper,
     * which is no JVM, or the parent's pid to a process that started later).
     */
    /**
     * For the tests only: a file that a test puts on the class path it hands its children. A
     * producer that finds it waits, before it writes anything, until the test lets go of its lock.
     */
    static final String HOLD = "ProducerProgram.hold";

    /** For the tests only: waits while the test that locked {@link #HOLD} holds it (see there). */
    private static void waitWhileHeldByTheParent() {
        URL hold = ProducerProgram.class.getResource(HOLD);
        if (hold == null || !"file".equals(hold.getProtocol())) {
            return;
        }
        try (FileChannel file = FileChannel.open(Path.of(hold.toURI()), StandardOpenOption.READ);
                FileLock shared = file.lock(0, Long.MAX_VALUE, true)) {
            // Got it: the test has let go.
        } catch (IOException | URISyntaxException e) {
            // The file is gone: the test has let go.
        }
    }

    static void haltWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Optional<Instant> ownStart = ProcessHandle.current().info().startInstant();
        boolean gone = parent == null || !parent.isAlive() || parent.pid() == 1
                || parent.info().startInstant().flatMap(p -> ownStart.map(p::isAfter)).orElse(false)
                || !parent.info().command().map(c -> Path.of(c).getFileName().toString().toLowerCase(Locale.ROOT))
                        .map(name -> name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe"))
                        .orElse(true);
        if (gone) {
            Runtime.getRuntime().halt(3);
        }
        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3));
    }
}
