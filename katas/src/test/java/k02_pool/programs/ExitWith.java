package k02_pool.programs;

import support.ChildProgram;

/** A child program that complains on stderr and exits with the code given as its argument. */
public final class ExitWith {

    private ExitWith() {}

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        int code = Integer.parseInt(args[0]);
        System.out.println("about to exit");
        System.err.println("exiting with " + code);
        System.exit(code);
    }
}
