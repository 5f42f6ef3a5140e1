package k11_crash_isolation;

import java.util.Objects;

/**
 * Two accounts whose sum must never change: money moves from checking to savings in two steps.
 *
 * <p>Each method is atomic on its own (they all synchronize on the ledger), but
 * {@link #moveToSavings} is two of them in a row. A thread that dies between the two steps
 * leaves the ledger with the money withdrawn and never deposited, and every other thread of the
 * process sees it: a lock protects a step, never an invariant across a crash.
 */
public final class Ledger {

    /**
     * What the two accounts hold at one moment.
     *
     * @param checking the checking account
     * @param savings the savings account
     */
    public record Balances(long checking, long savings) {

        /** The money in both accounts together: the invariant. */
        public long total() {
            return checking + savings;
        }
    }

    private long checking;
    private long savings;

    /** A ledger with these opening balances. */
    public Ledger(long checking, long savings) {
        this.checking = checking;
        this.savings = savings;
    }

    /** Both balances, read together in one atomic step. */
    public synchronized Balances snapshot() {
        return new Balances(checking, savings);
    }

    /**
     * Replaces both balances in one atomic step: how a parent commits what a child computed.
     *
     * @throws NullPointerException if {@code balances} is null
     */
    public synchronized void commit(Balances balances) {
        Objects.requireNonNull(balances, "balances");
        checking = balances.checking();
        savings = balances.savings();
    }

    /**
     * Moves {@code amount} from checking to savings in two steps, running {@code betweenSteps}
     * after the withdrawal and before the deposit. If {@code betweenSteps} throws, the deposit
     * never happens and the exception propagates: the crash this kata is about.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws NullPointerException if {@code betweenSteps} is null
     */
    public void moveToSavings(long amount, Runnable betweenSteps) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        Objects.requireNonNull(betweenSteps, "betweenSteps");
        withdrawFromChecking(amount);
        betweenSteps.run();
        depositToSavings(amount);
    }

    private synchronized void withdrawFromChecking(long amount) {
        checking -= amount;
    }

    private synchronized void depositToSavings(long amount) {
        savings += amount;
    }
}
