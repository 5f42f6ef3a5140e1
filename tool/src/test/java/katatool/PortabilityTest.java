package katatool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked on Linux about Windows: no Java source starts a shell, hard-codes a path or
 * class path separator, or converts between bytes and text without naming a charset.
 */
@DisplayName("portable sources")
@Timeout(30)
class PortabilityTest {

    /** A rule: a pattern that must not match a source line, and why. */
    record Rule(String name, Pattern pattern, String why, String badExample) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule("no shell", Pattern.compile("\"(sh|bash|zsh|cmd|cmd\\.exe|powershell|pwsh)\"|\"/bin/|\"/c\""),
                        "a shell makes a kata Linux- or Windows-only and opens injection: start the program directly",
                        "new ProcessBuilder(\"sh\", \"-c\", line)"),
                new Rule("no Runtime.exec(String)", Pattern.compile("\\.exec\\(\\s*\"[^\"]*\\s"),
                        "Runtime.exec with one string splits on spaces like a poor shell: use ProcessBuilder with a list",
                        "Runtime.getRuntime().exec(\"java -version\")"),
                new Rule("no hard-coded path separator", Pattern.compile(
                        "\\+\\s*\"[\\\\/]\"|\"[\\\\/]\"\\s*\\+|\"\\\\\\\\\"|toString\\(\\)\\.(contains|endsWith|startsWith|split)\\(\"[^\"]*[\\\\/]"),
                        "join paths with Path.resolve and compare Path objects: a literal / or \\\\ breaks on the other system",
                        "String p = dir + \"/\" + name;"),
                new Rule("no hard-coded class path separator", Pattern.compile("\\.jar[:;]|\"[^\"]*classes[:;]|\"-cp\",\\s*\"[^\"]*[:;]"),
                        "use File.pathSeparator: it is ':' on Linux and ';' on Windows",
                        "String cp = \"target/classes:lib/a.jar\";"),
                new Rule("explicit charset for readers and writers", Pattern.compile(
                        "new (InputStreamReader|OutputStreamWriter)\\([^,()]*(\\([^()]*\\))?[^,()]*\\)|new (FileReader|FileWriter)\\([^,()]*\\)"
                                + "|new PrintStream\\([^,()]*\\)|new PrintWriter\\((System\\.(out|err)|new File[^,]*|\"[^\"]*\"|[\\w.]*([Ss]tream|[Ff]ile|[Pp]ath)\\w*(\\(\\))?)\\)"),
                        "the platform default charset differs between machines: name UTF-8",
                        "new BufferedReader(new InputStreamReader(process.getInputStream()))"),
                new Rule("explicit charset for bytes and strings", Pattern.compile("\\.getBytes\\(\\)|new String\\([a-zA-Z_]+\\)"),
                        "the platform default charset differs between machines: name UTF-8",
                        "byte[] b = text.getBytes();"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @DisplayName("each rule catches its own bad example, so a rule that matches nothing cannot pass unnoticed")
    void ruleCatchesItsExample(Rule rule) {
        assertThat(rule.pattern().matcher(rule.badExample()).find()).as(rule.badExample()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @DisplayName("no Java source in the repository breaks the rule")
    void noSourceBreaksTheRule(Rule rule) throws IOException {
        Path root = Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize();
        List<String> offences = new ArrayList<>();
        for (Path source : javaSources(root)) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String code = withoutComment(lines.get(i));
                Matcher m = rule.pattern().matcher(code);
                if (m.find() && !lines.get(i).contains("portability: allowed")) {
                    offences.add(root.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(offences).as(rule.why()).isEmpty();
    }

    private static String withoutComment(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
            return "";
        }
        int comment = line.indexOf(" // ");
        return comment < 0 ? line : line.substring(0, comment);
    }

    private static List<Path> javaSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("katas", "solutions", "jcstress", "bench", "tool")) {
            Path src = root.resolve(module).resolve("src");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(src)) {
                walk.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.endsWith("PortabilityTest.java"))
                        // the mistake catalogue is wrong on purpose (a shell, the platform charset):
                        // the mistake gate proves the tests catch each one
                        .filter(p -> !p.startsWith(root.resolve("solutions").resolve("src").resolve("mistakes")))
                        .forEach(sources::add);
            }
        }
        return sources;
    }
}
