package k01_spawn.programs;

import support.ChildProgram;

/**
 * A child program that writes far more than a pipe holds: one MiB of {@code e} to standard error,
 * then one MiB of {@code o} to standard output, then exits with 0.
 *
 * <p>A parent that does not read both streams while it waits leaves this child blocked on a full
 * pipe for ever.
 */
public final class Chatty {

    /** How many characters go to each stream. */
    public static final int SIZE = 1 << 20;

    private Chatty() {}

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.err.print("e".repeat(SIZE));
        System.err.flush();
        System.out.print("o".repeat(SIZE));
        System.out.flush();
    }
}
