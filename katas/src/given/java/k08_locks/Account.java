package k08_locks;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account whose balance is guarded by the account's own lock.
 *
 * <p>Every read or change of the balance must be made by a thread that holds {@link #lock()}:
 * the methods check it and throw {@link IllegalMonitorStateException} otherwise, so a forgotten
 * lock fails at once instead of racing quietly. Each {@code unlock} happens-before the next
 * {@code lock} of the same account, so the next holder sees every change made under the lock.
 *
 * <p>Accounts are ordered by {@link #id()}: that is the one global order in which a transfer
 * takes two accounts' locks.
 */
public final class Account {

    private final String id;
    private final ReentrantLock lock;
    private long balance;

    /**
     * An account with its own {@link ReentrantLock}.
     *
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is blank or {@code openingBalance} is negative
     */
    public Account(String id, long openingBalance) {
        this(id, openingBalance, new ReentrantLock());
    }

    /**
     * An account guarded by the given lock; the tests pass a lock that reports who waits for it.
     *
     * @throws NullPointerException if {@code id} or {@code lock} is null
     * @throws IllegalArgumentException if {@code id} is blank or {@code openingBalance} is negative
     */
    public Account(String id, long openingBalance, ReentrantLock lock) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an account id must not be blank");
        }
        if (openingBalance < 0) {
            throw new IllegalArgumentException("opening balance must not be negative: " + openingBalance);
        }
        this.id = id;
        this.lock = Objects.requireNonNull(lock, "lock");
        this.balance = openingBalance;
    }

    /** The account's id, which also fixes the order in which transfers lock accounts. */
    public String id() {
        return id;
    }

    /** The lock that guards this account's balance. */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * The balance.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold {@link #lock()}
     */
    public long balance() {
        requireHeld();
        return balance;
    }

    /**
     * Adds {@code amount} to the balance.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold {@link #lock()}
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public void deposit(long amount) {
        requireHeld();
        requirePositive(amount);
        balance += amount;
    }

    /**
     * Takes {@code amount} from the balance.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold {@link #lock()}
     * @throws IllegalArgumentException if {@code amount} is not positive
     * @throws IllegalStateException if the balance is smaller than {@code amount}; nothing changes
     */
    public void withdraw(long amount) {
        requireHeld();
        requirePositive(amount);
        if (balance < amount) {
            throw new IllegalStateException("account " + id + " holds " + balance + ", cannot withdraw " + amount);
        }
        balance -= amount;
    }

    private void requireHeld() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("take the lock of account " + id + " before touching its balance");
        }
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    @Override
    public String toString() {
        return "account " + id;
    }
}
