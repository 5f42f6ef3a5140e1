package k07_lost_update;

/**
 * A running total that several threads change at once.
 *
 * <p>Implementations say whether they are safe for concurrent use. A safe one never loses an
 * update: after every {@link #add} call has returned, {@link #get} is the sum of all amounts
 * added, and each {@code add} happens-before any {@code get} that sees its effect.
 */
public interface Balance {

    /** Adds {@code amount} (which may be negative) to the balance. */
    void add(long amount);

    /** Returns the current balance. */
    long get();

    /**
     * The tutorial's {@code change_it(n)}: adds {@code n}, then takes it away again, so on its own
     * it leaves the balance unchanged.
     */
    default void change(long n) {
        add(n);
        add(-n);
    }
}
