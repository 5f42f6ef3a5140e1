package support.programs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import support.ChildProgram;

/**
 * Plays a wrong solution: starts a {@link LateSleeper} the way a learner's code does (this JVM's
 * java and class path, nothing more), prints its pid, and exits without waiting for it or
 * stopping it.
 */
public final class Abandoner {

    private Abandoner() {}

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), LateSleeper.class.getName()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        System.out.println("abandoned " + child.pid());
        System.out.flush();
        Runtime.getRuntime().halt(0); // no clean-up of any kind, like a crash
    }
}
