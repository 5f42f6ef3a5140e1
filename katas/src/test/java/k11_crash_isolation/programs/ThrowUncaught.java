package k11_crash_isolation.programs;

import support.ChildProgram;

/** Child program: its main dies of an uncaught exception with the message {@code args[0]}. */
public final class ThrowUncaught {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        throw new IllegalStateException(args[0]);
    }
}
