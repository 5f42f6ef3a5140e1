package k11_crash_isolation.programs;

import support.ChildProgram;

/**
 * Child program: writes {@code args[1]} to stderr, then halts with code {@code args[0]}: no
 * shutdown hook, no finally block, the JVM just stops.
 */
public final class HaltWith {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.err.println(args[1]);
        System.err.flush();
        Runtime.getRuntime().halt(Integer.parseInt(args[0]));
    }
}
