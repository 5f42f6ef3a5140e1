package katatool.core;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Colours and screen clearing with plain ANSI escapes, only where a terminal will show them.
 *
 * <p>No terminal library: every terminal a learner uses on Linux, macOS and WSL, and Windows
 * Terminal, understand these few escapes. The classic Windows console does not (until a program
 * switches it to VT mode), so on Windows colour is used only inside Windows Terminal or a
 * terminal that announces itself with {@code TERM}. {@code NO_COLOR} (no-color.org) and
 * {@code --no-color} turn it off everywhere.
 */
public final class Console {

    private final boolean ansi;

    private Console(boolean ansi) {
        this.ansi = ansi;
    }

    /** Colour whatever the output is: for tests of what a terminal shows. */
    public static Console colour() {
        return new Console(true);
    }

    public static Console plain() {
        return new Console(false);
    }

    /** Colour if the tool writes to a terminal that shows it and nobody asked for none. */
    public static Console detect(boolean noColor) {
        if (noColor || System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty()) {
            return plain();
        }
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return plain();
        }
        if (windows() && System.getenv("WT_SESSION") == null && System.getenv("TERM") == null) {
            return plain();
        }
        return new Console(!"dumb".equals(System.getenv("TERM")));
    }

    public boolean ansi() {
        return ansi;
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    /** Clears the screen before a new verdict, as rustlings does; nothing without a terminal. */
    public String clearScreen() {
        return ansi ? "\u001b[H\u001b[2J" : "";
    }

    private String wrap(String code, String s) {
        return ansi ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /**
     * Whether the tool runs on Windows. The system property {@code kata.platform} ({@code windows}
     * or anything else) overrides the real system, so tests on Linux can see Windows' messages.
     */
    static boolean windows() {
        String forced = System.getProperty("kata.platform", "");
        String os = forced.isEmpty() ? System.getProperty("os.name", "") : forced;
        return os.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * The command a learner types: {@code .\kata} on Windows, {@code ./kata} elsewhere. PowerShell
     * runs nothing from the current folder without the {@code .\}, and cmd accepts it too.
     * Every message that names a command takes its form from here.
     */
    public static String command() {
        String launcher = System.getProperty("kata.command", "");
        if (!launcher.isEmpty()) {
            return launcher; // the bash launcher says ./kata, also in Git Bash on Windows
        }
        return windows() ? ".\\kata" : "./kata";
    }

    /**
     * Whether the tool writes to the classic Windows console (conhost) rather than Windows
     * Terminal or another terminal that announces itself. Its fonts (Consolas, Lucida Console)
     * have no tick or cross and it has no font fallback, so every mark shows as the same box
     * even in UTF-8: there the tool prints the ASCII stand-ins.
     */
    static boolean classicWindowsConsole() {
        if (!windows() || System.console() == null || !System.console().isTerminal()) {
            return false;
        }
        return System.getenv("WT_SESSION") == null && System.getenv("TERM_PROGRAM") == null
                && System.getenv("TERMINAL_EMULATOR") == null && System.getenv("TERM") == null;
    }

    /** The Maven wrapper as a learner types it: {@code .\mvnw.cmd} on Windows, {@code ./mvnw} elsewhere. */
    public static String mavenWrapper() {
        return windows() ? ".\\mvnw.cmd" : "./mvnw";
    }

    /**
     * ASCII stand-ins for the marks the tool prints, for a console whose code page has no such
     * characters (the classic Windows console's 437 or 850, a Linux terminal in the C locale).
     */
    static final Map<Character, String> ASCII_MARKS = marks();

    private static Map<Character, String> marks() {
        Map<Character, String> m = new LinkedHashMap<>();
        m.put('\u2714', "+"); // ✔
        m.put('\u2718', "x"); // ✘
        m.put('\u2705', "+"); // ✅
        m.put('\u274c', "x"); // ❌
        m.put('\u25d0', "~"); // ◐
        m.put('\u00b7', "-"); // ·
        m.put('\u2022', "*"); // •
        m.put('\u203a', ">"); // ›
        m.put('\u2013', "-"); // –
        m.put('\u2014', "-"); // —
        m.put('\u2026', "..."); // …
        for (char block : "\u2588\u258f\u258e\u258d\u258c\u258b\u258a\u2589".toCharArray()) {
            m.put(block, "#"); // the stress histogram's bars: █ and its eighths
        }
        return Map.copyOf(m);
    }

    /**
     * The charset a console stream announces ({@code stdout.encoding} or {@code stderr.encoding}:
     * the console's code page on Windows, the locale's on Linux, unless the launcher set it), or
     * UTF-8 when the property is missing or names no charset this JVM knows.
     */
    public static Charset streamCharset(String property) {
        String name = System.getProperty(property, "");
        try {
            return name.isEmpty() ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
    }

    /**
     * An auto-flushing writer to {@code stream} in {@code charset} that prints each mark the
     * charset cannot encode as its ASCII stand-in, so a console on an old code page shows
     * {@code + Task 1} rather than {@code ? Task 1} or mojibake.
     */
    public static PrintWriter writer(OutputStream stream, Charset charset) {
        return writer(stream, charset, classicWindowsConsole());
    }

    /** As {@link #writer(OutputStream, Charset)}; {@code asciiOnly} replaces every mark, whatever the charset. */
    static PrintWriter writer(OutputStream stream, Charset charset, boolean asciiOnly) {
        CharsetEncoder encoder = charset.newEncoder();
        Map<Character, String> missing = new LinkedHashMap<>();
        ASCII_MARKS.forEach((mark, ascii) -> {
            if (asciiOnly || !encoder.canEncode(mark)) {
                missing.put(mark, ascii);
            }
        });
        Writer raw = new OutputStreamWriter(stream, charset);
        return new PrintWriter(missing.isEmpty() ? raw : new AsciiMarks(raw, Map.copyOf(missing)), true);
    }

    /** Replaces the marks a charset lacks on their way to the encoder. */
    private static final class AsciiMarks extends FilterWriter {
        private final Map<Character, String> missing;

        AsciiMarks(Writer out, Map<Character, String> missing) {
            super(out);
            this.missing = missing;
        }

        @Override
        public void write(int c) throws IOException {
            String ascii = missing.get((char) c);
            if (ascii == null) {
                out.write(c);
            } else {
                out.write(ascii);
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            StringBuilder text = new StringBuilder(length);
            for (int i = offset; i < offset + length; i++) {
                char c = s.charAt(i);
                String ascii = missing.get(c);
                if (ascii == null) {
                    text.append(c);
                } else {
                    text.append(ascii);
                }
            }
            out.write(text.toString());
        }
    }
}
