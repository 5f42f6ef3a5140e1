package k05_no_shared_memory;

import java.io.IOException;
import java.util.List;

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
        // TODO task 2: start one child JVM per amount (this JVM's java and class path, running
        //      ChangeBalance with the amount), all before waiting for any. Then read each child's
        //      stdout in UTF-8, wait for it, and parse its "balance=..." line. Kill and reap every
        //      child whatever happens.
        throw new UnsupportedOperationException("Task 2 of k05_no_shared_memory: run the change in child processes. See README.md.");
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
        // TODO task 3: for each amount, start a platform thread that calls GlobalBalance.add(amount)
        //      and join it before starting the next; then return GlobalBalance.get().
        throw new UnsupportedOperationException("Task 3 of k05_no_shared_memory: run the change in threads. See README.md.");
    }
}
