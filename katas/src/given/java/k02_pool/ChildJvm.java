package k02_pool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the command line that runs a {@link ChildTask} in a new JVM: this JVM's own {@code java}
 * and class path, never a shell, and UTF-8 named for the child's output.
 *
 * <p>Given complete: kata k01 is where you write this yourself.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * The command for {@code new ProcessBuilder(command)} that runs {@code task} in a new JVM.
     * The child writes its standard output and error as UTF-8.
     *
     * @throws NullPointerException if {@code task} is null
     */
    public static List<String> command(ChildTask task) {
        Objects.requireNonNull(task, "task");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                // A child that runs for a moment starts faster without the optimising compiler.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // No performance-data file: under load a JVM whose file is locked prints a warning
                // of its own on standard output, which would become part of the task's result.
                "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"),
                task.mainClass().getName()));
        command.addAll(task.args());
        return command;
    }
}
