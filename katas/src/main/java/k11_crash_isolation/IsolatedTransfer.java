package k11_crash_isolation;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Runs a transfer in a child JVM and commits its result to the parent's ledger only if the child
 * finished: a crash half-way leaves the parent's ledger exactly as it was.
 *
 * <p>The child works on a copy of the balances, in its own memory; the parent's ledger changes in
 * one atomic step ({@link Ledger#commit}) after the child has exited with 0, and not at all
 * otherwise. The caller blocks until the child has ended.
 */
public final class IsolatedTransfer {

    private IsolatedTransfer() {}

    /**
     * Moves {@code amount} from checking to savings of {@code ledger} by running
     * {@link TransferWorker} in a child JVM, crashing it half-way if {@code crashHalfway}.
     *
     * @return how the child ended
     * @throws TimeoutException if the child outlived {@code timeout}; it was killed, the ledger is unchanged
     * @throws IOException if the child could not be started, or finished with output that is not two numbers
     * @throws InterruptedException if the caller is interrupted while waiting; the ledger is unchanged
     * @throws IllegalArgumentException if {@code amount} is negative or {@code timeout} is zero or negative
     * @throws NullPointerException if {@code ledger} or {@code timeout} is null
     */
    public static ChildResult moveToSavings(Ledger ledger, long amount, boolean crashHalfway, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        // TODO task 4: run TransferWorker in a child JVM with a copy of the balances; commit what it
        //      prints to the ledger only if it exited with 0.
        throw new UnsupportedOperationException("Task 4 of k11_crash_isolation: transfer in a child JVM. See README.md.");
    }
}
