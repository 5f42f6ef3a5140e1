package k11_crash_isolation.programs;

import support.ChildProgram;

/** Child program: writes {@code args[1]} to stderr, then exits with code {@code args[0]}. */
public final class ExitWith {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.err.println(args[1]);
        System.exit(Integer.parseInt(args[0]));
    }
}
