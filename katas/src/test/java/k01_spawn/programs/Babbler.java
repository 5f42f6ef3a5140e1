package k01_spawn.programs;

import support.ChildProgram;

/**
 * A child program that prints numbered lines, {@code line 0}, {@code line 1}, ..., and never stops
 * on its own: whenever its parent stops it, there is output in the pipe still to be read.
 */
public final class Babbler {

    private Babbler() {}

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        for (long i = 0; ; i++) {
            System.out.println("line " + i);
        }
    }
}
