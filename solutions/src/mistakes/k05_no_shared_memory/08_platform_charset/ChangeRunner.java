package k05_no_shared_memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes the tutorial's change to the global balance in child processes, or in threads, and shows
 * what the caller sees afterwards.
 *
 * <p>Child processes share nothing with the caller: each has its own {@link GlobalBalance}, and
 * what it did comes back only through its standard output. Threads share everything: their
 * changes are the caller's balance. Both methods block until every child or thread has ended; no
 * child process and no thread outlives the call.
 */
public final class ChangeRunner {

    private ChangeRunner() {}

    /**
     * Runs {@link ChangeBalance} in one child JVM per amount, all at the same time, and returns
     * the balance each child reported, in the order of {@code amounts}.
     *
     * <p>The caller's own {@link GlobalBalance} is untouched. Every child has ended and has been
     * reaped when this returns or throws.
     *
     * @throws NullPointerException if {@code amounts} is null
     * @throws IllegalStateException if a child fails or does not report its balance
     * @throws IOException if a child cannot be started or read
     * @throws InterruptedException if the caller is interrupted while waiting; the children are
     *         killed and reaped first
     */
    public static List<Long> inChildProcesses(long... amounts) throws IOException, InterruptedException {
        Objects.requireNonNull(amounts, "amounts");
        List<Process> children = new ArrayList<>();
        try {
            for (long amount : amounts) { // start them all first: they run side by side
                children.add(new ProcessBuilder(javaCommand(amount)).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            List<Long> reported = new ArrayList<>();
            for (Process child : children) {
                // Checked by hand: waitFor on a child that has already ended returns without looking at the interrupt.
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the children");
                }
                child.getOutputStream().close();
                String out;
                try (InputStream stdout = child.getInputStream()) {
                    out = new String(stdout.readAllBytes()).strip(); // the report is plain ASCII
                }
                int exit = child.waitFor();
                if (exit != 0 || !out.startsWith(ChangeBalance.REPORT_PREFIX)) {
                    throw new IllegalStateException("child " + child.pid() + " exited " + exit + " and reported '" + out + "'");
                }
                reported.add(Long.parseLong(out.substring(ChangeBalance.REPORT_PREFIX.length())));
            }
            return reported;
        } finally {
            for (Process child : children) {
                child.destroyForcibly(); // no-op for a child that has ended
            }
            for (Process child : children) {
                child.onExit().join(); // join, unlike waitFor, ignores interrupts: wait until each is gone
            }
        }
    }

    /**
     * Makes each change on a new platform thread of this JVM, one thread after the other (each
     * joined before the next starts), and returns this JVM's balance afterwards.
     *
     * <p>The changes are shared: the caller's {@link GlobalBalance} now includes every amount.
     * The threads take turns here, so that this kata shows sharing alone; started together they
     * would race on the unlocked balance, which is kata k07's subject.
     *
     * @throws NullPointerException if {@code amounts} is null
     * @throws InterruptedException if the caller is interrupted while joining
     */
    public static long inThreads(long... amounts) throws InterruptedException {
        Objects.requireNonNull(amounts, "amounts");
        for (long amount : amounts) {
            Thread changer = Thread.ofPlatform().name("change-" + amount).start(() -> GlobalBalance.add(amount));
            changer.join(); // the thread's write happens-before everything after join
        }
        return GlobalBalance.get();
    }

    private static List<String> javaCommand(long amount) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                // No performance-data file: a JVM that finds it locked warns on stdout, before the report.
                "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), ChangeBalance.class.getName(), Long.toString(amount));
    }
}
