package k11_crash_isolation.programs;

import support.ChildProgram;

/** Child program: prints {@code Grüße, <args[0]> ✓} on stdout and exits with 0. */
public final class Greet {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.out.println("Grüße, " + args[0] + " ✓");
    }
}
