package k05_no_shared_memory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The tutorial's global {@code balance}: one static variable per JVM, and the threads that
 * changed it.
 *
 * <p>Every thread of a JVM sees the same balance; a child JVM has a balance of its own, starting
 * at 0, and nothing it does reaches its parent's. The balance itself is not synchronized, on
 * purpose, like the tutorial's: two threads that change it at the same moment can lose an update
 * (kata {@code k07_lost_update} is about exactly that). A change happens-before whatever happens
 * after a {@link Thread#join} of the thread that made it.
 */
public final class GlobalBalance {

    private static long balance;
    private static final List<Thread> CHANGED_BY = new CopyOnWriteArrayList<>();
    /**
     * For the tests only: a file that a test puts on the class path it hands its children. A child
     * JVM that finds it waits, before its change, until the test lets go of its lock on the file.
     */
    static final String CHILD_HOLD = "GlobalBalance.hold";
    /** For the tests only: while set and not yet counted down, every change waits for it. */
    private static volatile CountDownLatch hold;

    private GlobalBalance() {}

    /** Adds {@code amount} (which may be negative) to this JVM's balance, and notes which thread did. */
    public static void add(long amount) {
        CHANGED_BY.add(Thread.currentThread());
        waitWhileHeldByTheParent();
        CountDownLatch until = hold;
        if (until != null) {
            try {
                until.await(); // a test holds the change here, to see what else runs meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        balance = balance + amount; // read, add, write: three steps, no lock (see k07)
    }

    /**
     * For the tests only: in a child JVM whose class path holds {@link #CHILD_HOLD}, waits until
     * the test that locked it lets go (or ends: the operating system then drops its lock), so the
     * test can see which other children its parent starts meanwhile.
     */
    private static void waitWhileHeldByTheParent() {
        URL hold = GlobalBalance.class.getResource(CHILD_HOLD);
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

    /**
     * For the tests only: makes every later change wait, after it has been noted, until
     * {@code release} is counted down; null holds nothing. {@link #reset} clears it.
     */
    static void holdChangesUntil(CountDownLatch release) {
        hold = release;
    }

    /** This JVM's balance. */
    public static long get() {
        return balance;
    }

    /** The threads that called {@link #add}, in order, one entry per call. */
    public static List<Thread> changedBy() {
        return List.copyOf(CHANGED_BY);
    }

    /** Sets the balance back to 0 and forgets who changed it; tests call this before each test. */
    public static void reset() {
        balance = 0;
        CHANGED_BY.clear();
        hold = null;
    }
}
