package katatool.core;

import java.util.Locale;

/** The kata table in the top-level README, generated from the manifest between two markers. */
public final class Catalogue {

    static final String BEGIN = "<!-- catalogue:begin (generated from katas/manifest.json by ./kata catalogue --write) -->";
    static final String END = "<!-- catalogue:end -->";

    private Catalogue() {}

    public static String render(Manifest manifest) {
        StringBuilder table = new StringBuilder();
        table.append("| # | kata | what you practise | replaces in Python | tasks |\n");
        table.append("|---|---|---|---|---|\n");
        for (Manifest.Kata k : manifest.katas()) {
            table.append(String.format(Locale.ROOT, "| %d | [`%s`](katas/src/main/java/%s/README.md) | %s | `%s` | %d |%n",
                    k.number(), k.id(), k.id(), k.title(), k.python().replace("|", "\\|"), k.tasks().size()));
        }
        return table.toString();
    }

    /** The text between the markers, or an empty string if they are missing. */
    public static String extract(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            return "";
        }
        return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
    }

    /** The README with the table between the markers replaced by a fresh one. */
    public static String replace(String readme, Manifest manifest) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new KataException("README.md has no catalogue markers: add the lines " + BEGIN + " and " + END + ".");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + render(manifest) + readme.substring(end);
    }
}
