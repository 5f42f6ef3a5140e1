package katatool;

import java.util.Locale;

/**
 * Colours and screen clearing with plain ANSI escapes, only where a terminal will show them.
 *
 * <p>No terminal library: every terminal a learner uses on Linux, macOS and WSL, and Windows
 * Terminal, understand these few escapes. The classic Windows console does not (until a program
 * switches it to VT mode), so on Windows colour is used only inside Windows Terminal or a
 * terminal that announces itself with {@code TERM}. {@code NO_COLOR} (no-color.org) and
 * {@code --no-color} turn it off everywhere.
 */
final class Console {

    private final boolean ansi;

    private Console(boolean ansi) {
        this.ansi = ansi;
    }

    /** Colour whatever the output is: for tests of what a terminal shows. */
    static Console colour() {
        return new Console(true);
    }

    static Console plain() {
        return new Console(false);
    }

    /** Colour if the tool writes to a terminal that shows it and nobody asked for none. */
    static Console detect(boolean noColor) {
        if (noColor || System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty()) {
            return plain();
        }
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return plain();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows && System.getenv("WT_SESSION") == null && System.getenv("TERM") == null) {
            return plain();
        }
        return new Console(!"dumb".equals(System.getenv("TERM")));
    }

    boolean ansi() {
        return ansi;
    }

    String green(String s) {
        return wrap("32", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    /** Clears the screen before a new verdict, as rustlings does; nothing without a terminal. */
    String clearScreen() {
        return ansi ? "\u001b[H\u001b[2J" : "";
    }

    private String wrap(String code, String s) {
        return ansi ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** The command a learner types: {@code kata} on Windows, {@code ./kata} elsewhere. */
    static String command() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "kata" : "./kata";
    }
}
