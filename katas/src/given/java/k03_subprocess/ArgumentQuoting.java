package k03_subprocess;

import java.util.Locale;
import java.util.Objects;

/**
 * Prepares one command-line argument so that a child JVM's {@code main} receives it unchanged, on
 * every operating system.
 *
 * <p>On Linux and macOS a process is started with an array of arguments: {@link ProcessBuilder}
 * hands your list to the OS as it is, and no shell ever sees it. Windows has no such array. A
 * Windows process receives one command line, and the program (for {@code java.exe}, the Java
 * launcher) splits it again by the Microsoft C runtime's rules. The JDK joins your list with spaces
 * and puts quotes only around arguments that contain whitespace; it does not escape a double quote
 * inside an argument, so {@code "quoted"} would arrive as {@code quoted}.
 * {@link #forWindows} quotes every argument and escapes its quotes, and the backslashes in front
 * of them, by those rules; the JDK passes an argument that is already quoted through untouched.
 * (Unless {@code -Djdk.lang.Process.allowAmbiguousCommands=false} is set, which this kata does not.)
 *
 * <p>Stateless and thread-safe.
 */
public final class ArgumentQuoting {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private ArgumentQuoting() {}

    /**
     * The argument as {@link ProcessBuilder} must be given it on the OS this JVM runs on: unchanged
     * on Linux and macOS, {@link #forWindows quoted for Windows} on Windows.
     *
     * @throws NullPointerException if {@code argument} is null
     */
    public static String forThisPlatform(String argument) {
        Objects.requireNonNull(argument, "argument");
        return WINDOWS ? forWindows(argument) : argument;
    }

    /**
     * The argument quoted for a Windows command line, so that the Microsoft C runtime's rules split
     * it back into exactly {@code argument}.
     *
     * <p>The result starts and ends with a double quote. Inside, each {@code "} becomes {@code \"},
     * and a run of backslashes is doubled where it stands before a quote (an escaped one, or the
     * closing one); elsewhere backslashes stay as they are.
     *
     * @throws NullPointerException if {@code argument} is null
     */
    public static String forWindows(String argument) {
        Objects.requireNonNull(argument, "argument");
        StringBuilder quoted = new StringBuilder(argument.length() + 2).append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            // Backslashes count only in front of a quote: there they must be doubled, and one
            // more escapes the quote itself.
            quoted.repeat('\\', c == '"' ? 2 * backslashes + 1 : backslashes).append(c);
            backslashes = 0;
        }
        // Trailing backslashes stand before the closing quote: double them so it stays a quote.
        return quoted.repeat('\\', 2 * backslashes).append('"').toString();
    }
}
