package k01_spawn.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import support.ChildProgram;

/**
 * A child program that prints each argument on its own line, then copies every line of its
 * standard input (read as UTF-8) to its standard output until the input ends.
 *
 * <p>It keeps running for as long as its parent keeps its standard input open.
 */
public final class Echo {

    private Echo() {}

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        for (String arg : args) {
            System.out.println(arg);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.out.println(line);
        }
    }
}
