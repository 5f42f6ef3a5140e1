package support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Helpers for the small Java programs that kata tests run as child JVMs.
 *
 * <p>A child program calls {@link #dieWithParent()} first thing in its {@code main}: if the JVM
 * that started it ends for any reason, even killed, the child halts too, so no child JVM
 * outlives a killed test run. Tests that start a child themselves build the command with
 * {@link #command}: this JVM's own {@code java} and class path, never a shell.
 */
public final class ChildProgram {

    private ChildProgram() {}

    /**
     * Makes this JVM halt as soon as its parent process ends.
     *
     * <p>Returns at once; a daemon watcher does the waiting. Without a parent (already gone) the
     * JVM halts immediately.
     */
    public static void dieWithParent() {
        ProcessHandle.current().parent().ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
    }

    /** The java executable of the running JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The command line that runs {@code mainClass} with {@code args} in a new JVM with this JVM's
     * java and class path.
     *
     * @throws NullPointerException if any argument is null
     */
    public static List<String> command(Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dfile.encoding=UTF-8",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        for (String arg : args) {
            command.add(Objects.requireNonNull(arg, "args"));
        }
        return command;
    }
}
