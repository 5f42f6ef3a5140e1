package k03_subprocess.programs;

import support.ChildProgram;

/** Ends at once with the exit code given as its only argument. Reads nothing, writes nothing. */
public final class ExitWith {
    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.exit(Integer.parseInt(args[0]));
    }
}
