package k04_queue;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
        int count = Integer.parseInt(args[0]);
        // UTF-8 stated here, not left to the platform: the consumer reads UTF-8 too.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            out.print(item(i) + "\n");
        }
        out.flush();
        out.close();
    }

    /** A child must never outlive its parent, even one killed without a chance to clean up. */
    static void haltWithParent() {
        ProcessHandle.current().parent().ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
    }
}
