package katatool.stress;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarFile;
import katatool.isolation.Landlock;

/**
 * Runs a jar's main class after denying this JVM, and every process it starts, any write outside
 * one folder (Linux Landlock): how the grader runs the learner's stress jar, whose jcstress tests
 * execute the learner's balances in this JVM and in the JVMs jcstress forks.
 *
 * <p>Arguments: the writable folder, the jar (its manifest names the main class), then the main
 * class's own arguments. The jar must be on this JVM's class path, first, so its classes win.
 * Learner code has not run when the restriction is made, and cannot lift it: Landlock only ever
 * narrows. If the grader dies, this JVM halts.
 */
public final class SandboxedMain {

    private SandboxedMain() {}

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        if (args.length < 2) {
            System.err.println("usage: SandboxedMain <writable folder> <jar> [arguments of its main class]");
            Runtime.getRuntime().halt(2);
        }
        Landlock.sandbox(Path.of(args[0]).toAbsolutePath());
        String mainClass;
        try (JarFile jar = new JarFile(new File(args[1]))) {
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
