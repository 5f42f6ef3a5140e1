package k11_crash_isolation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(ledger, "ledger");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        Ledger.Balances before = ledger.snapshot();
        ChildResult result = ChildJvm.run(TransferWorker.class, List.of(
                Long.toString(before.checking()), Long.toString(before.savings()), Long.toString(amount),
                crashHalfway ? TransferWorker.CRASH_HALFWAY : TransferWorker.FINISH), timeout);
        ledger.commit(parse(result.stdout()));
        return result;
    }

    private static Ledger.Balances parse(String stdout) throws IOException {
        String[] numbers = stdout.strip().split(" ");
        try {
            if (numbers.length == 2) {
                return new Ledger.Balances(Long.parseLong(numbers[0]), Long.parseLong(numbers[1]));
            }
        } catch (NumberFormatException e) {
            // fall through: the same report as a wrong count
        }
        throw new IOException("the transfer worker finished but printed '" + stdout.strip() + "', not two numbers");
    }
}
