package katatool.isolation;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment of a JVM that runs learner code (a kata's tests under the grader, jcstress under
 * a grade): what a JVM needs on some system, and its own temporary folder.
 */
public final class ChildEnvironment {

    /** Environment variables a JVM needs on some system; nothing of the CI's (tokens, summary and output files). */
    private static final List<String> KEPT = List.of("PATH", "SystemRoot", "SYSTEMROOT", "windir", "WINDIR",
            "LANG", "LC_ALL", "TZ");

    private ChildEnvironment() {}

    /**
     * Leaves a child process only the variables it needs ({@link #KEPT}) and its own temporary
     * folder: no job summary or output file, no workflow variables, no token.
     */
    public static void clean(Map<String, String> environment, Path tmp) {
        Map<String, String> kept = new LinkedHashMap<>();
        KEPT.forEach(k -> Optional.ofNullable(environment.get(k)).ifPresent(v -> kept.put(k, v)));
        environment.clear();
        environment.putAll(kept);
        environment.put("TMP", tmp.toString());
        environment.put("TEMP", tmp.toString());
        environment.put("TMPDIR", tmp.toString());
    }
}
