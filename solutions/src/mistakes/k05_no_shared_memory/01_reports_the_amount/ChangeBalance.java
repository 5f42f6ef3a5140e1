package k05_no_shared_memory;

/**
 * The program each child process runs: changes its own JVM's {@link GlobalBalance} and reports
 * the balance it sees, the tutorial's {@code change_it(n)} in a {@code Process}.
 *
 * <p>Its one argument is the amount. It adds the amount to the balance, then writes one line,
 * {@code balance=<the balance it now sees>}, to standard output, and ends with exit code 0. Its
 * standard output is its only channel back to the parent.
 */
public final class ChangeBalance {

    private ChangeBalance() {}

    /** Prefix of the one line a child writes. */
    public static final String REPORT_PREFIX = "balance=";

    public static void main(String[] args) {
        System.out.print(REPORT_PREFIX + Long.parseLong(args[0]) + "\n"); // a new JVM starts at 0 anyway
    }
}
