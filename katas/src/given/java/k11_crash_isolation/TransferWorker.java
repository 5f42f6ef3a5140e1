package k11_crash_isolation;

/**
 * The same transfer as {@link ThreadedTransfer}, as a program for a child JVM: it works on its own
 * copy of the ledger, in its own memory.
 *
 * <p>Arguments: {@code <checking> <savings> <amount> <crash-halfway|finish>}. It builds a ledger
 * with those balances, moves {@code amount} to savings (crashing between the two steps with
 * {@code crash-halfway}), and on success prints the new balances on one line of standard
 * output, {@code <checking> <savings>}, and exits with 0. A crash ends the JVM with the uncaught
 * exception on standard error and a non-zero exit code. Bad arguments exit with code 2.
 * The worker halts if the JVM that started it ends, so it never outlives its parent.
 */
public final class TransferWorker {

    /** The last argument that makes the worker crash between the two steps. */
    public static final String CRASH_HALFWAY = "crash-halfway";
    /** The last argument that lets the worker finish. */
    public static final String FINISH = "finish";

    private TransferWorker() {}

    public static void main(String[] args) {
        // Die with the parent: a crashed or killed parent must not leave this JVM behind.
        ProcessHandle.current().parent().ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
        if (args.length != 4 || !(args[3].equals(CRASH_HALFWAY) || args[3].equals(FINISH))) {
            System.err.println("usage: TransferWorker <checking> <savings> <amount> <" + CRASH_HALFWAY + "|" + FINISH + ">");
            System.exit(2);
        }
        Ledger ledger = new Ledger(Long.parseLong(args[0]), Long.parseLong(args[1]));
        ledger.moveToSavings(Long.parseLong(args[2]), args[3].equals(CRASH_HALFWAY) ? CrashHalfway::crash : () -> {});
        Ledger.Balances after = ledger.snapshot();
        System.out.println(after.checking() + " " + after.savings());
    }
}
