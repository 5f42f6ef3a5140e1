package k08_locks;

/**
 * Moves money between two accounts, all or nothing.
 *
 * <p>A transfer holds the locks of both accounts while it withdraws and deposits, so no other
 * thread ever sees the money in neither account or in both. Implementations say whether they are
 * safe when two threads transfer between the same accounts in opposite directions.
 */
public interface Transfers {

    /**
     * Takes {@code amount} from {@code from} and deposits it in {@code to}, holding both locks.
     *
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws IllegalArgumentException if {@code amount} is not positive, or {@code from} and
     *     {@code to} are the same account or share an id
     * @throws IllegalStateException if {@code from} holds less than {@code amount}; then neither
     *     account changes, and both locks are released
     */
    void transfer(Account from, Account to, long amount);

    /** The argument checks every implementation makes before it takes any lock. */
    static void check(Account from, Account to, long amount) {
        java.util.Objects.requireNonNull(from, "from");
        java.util.Objects.requireNonNull(to, "to");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        if (from == to || from.id().equals(to.id())) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to " + to + ": one account, or two sharing an id");
        }
    }
}
