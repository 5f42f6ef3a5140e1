package k11_crash_isolation;

/**
 * The crash both transfers suffer in this kata: thrown between the withdrawal and the deposit.
 */
public final class CrashHalfway {

    private CrashHalfway() {}

    /** The message of the exception that {@link #crash} throws. */
    public static final String MESSAGE = "crashed half-way through the transfer";

    /**
     * A {@code betweenSteps} hook for {@link Ledger#moveToSavings} that always throws.
     *
     * @throws IllegalStateException always, with {@link #MESSAGE}
     */
    public static void crash() {
        throw new IllegalStateException(MESSAGE);
    }
}
