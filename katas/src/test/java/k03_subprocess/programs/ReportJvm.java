package k03_subprocess.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import support.ChildProgram;

/**
 * Writes which JVM it runs in (java.home, class path, pid) to the file named by its argument, one
 * {@code key=value} per line in UTF-8, then ends with exit code 0.
 */
public final class ReportJvm {
    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        String report = "java.home=" + System.getProperty("java.home") + "\n"
                + "java.class.path=" + System.getProperty("java.class.path") + "\n"
                + "pid=" + ProcessHandle.current().pid() + "\n";
        Path target = Path.of(args[0]);
        // Written whole, then moved into place, so a reader never sees half a report.
        Path partial = Files.writeString(target.resolveSibling(target.getFileName() + ".part"), report, StandardCharsets.UTF_8);
        Files.move(partial, target);
    }
}
