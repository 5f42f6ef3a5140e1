/*
 * Prints where the running JDK lives, for build steps that need the JDK 25 the Maven toolchain
 * chose (Maven itself may run on an older one). Run as a single-file program on any JDK 11+:
 *   java scripts/JdkHome.java <out-file> [--property NAME]
 * Without --property the file holds the bare java.home (read by ./kata and kata.cmd); with it, a
 * properties line NAME=<path to the java executable> (read by the mutation profile for PIT).
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class JdkHome {
    public static void main(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--property"))) {
            throw new IllegalArgumentException("usage: java JdkHome.java <out-file> [--property NAME]");
        }
        Path home = Path.of(System.getProperty("java.home"));
        String java = home.resolve("bin").resolve("java").toString();
        // Properties files treat a backslash as an escape: a Windows path must keep its backslashes.
        String text = args.length == 1 ? home.toString() : args[2] + "=" + java.replace("\\", "\\\\") + "\n";
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
