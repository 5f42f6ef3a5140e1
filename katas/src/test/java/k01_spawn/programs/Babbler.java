package k01_spawn.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import support.ChildProgram;

/**
 * A child program that prints numbered lines, {@code line 0}, {@code line 1}, ..., and never stops
 * on its own: whenever its parent stops it, there is output in the pipe still to be read.
 *
 * <p>Once {@code line 0} is out, it creates the file named by its first argument, so a test knows
 * there is output to keep.
 */
public final class Babbler {

    private Babbler() {}

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        System.out.println("line 0");
        Files.createFile(Path.of(args[0]));
        for (long i = 1; ; i++) {
            System.out.println("line " + i);
        }
    }
}
