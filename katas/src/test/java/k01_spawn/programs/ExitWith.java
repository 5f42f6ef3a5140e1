package k01_spawn.programs;

import support.ChildProgram;

/** A child program that says goodbye on both streams and exits with the code given as its argument. */
public final class ExitWith {

    private ExitWith() {}

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        int code = Integer.parseInt(args[0]);
        System.out.println("exiting with " + code);
        System.err.println("bye from stderr");
        System.exit(code);
    }
}
