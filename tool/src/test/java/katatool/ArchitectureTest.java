package katatool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tool's parts and the one direction of their dependencies (README, "The tool's parts").
 *
 * <table>
 *   <caption>What each part may use</caption>
 *   <tr><th>part</th><th>what it is</th><th>may use</th></tr>
 *   <tr><td>cli</td><td>Main and the picocli commands</td><td>every other part</td></tr>
 *   <tr><td>watch</td><td>the watch loop</td><td>mistakes, run, core</td></tr>
 *   <tr><td>grade</td><td>grading a repository, a class</td><td>stress, run, isolation, core</td></tr>
 *   <tr><td>mistakes</td><td>the mistake catalogue and its gate</td><td>run, core</td></tr>
 *   <tr><td>stress</td><td>jcstress runs and their reading</td><td>isolation, core</td></tr>
 *   <tr><td>run</td><td>compiling and running one kata, the learner's progress</td><td>core</td></tr>
 *   <tr><td>isolation</td><td>Landlock, the reaper, a child's environment</td><td>core</td></tr>
 *   <tr><td>core</td><td>files, manifest, console, checksums</td><td>nothing of the tool's</td></tr>
 * </table>
 *
 * <p>Only the tool's production classes are checked; its tests may use any part.
 */
@DisplayName("the tool's architecture")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArchitectureTest {

    /** Each part and the parts it may use: the table above, for both rules below. */
    static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            Map.entry("cli", List.of("watch", "grade", "mistakes", "stress", "run", "isolation", "core")),
            Map.entry("watch", List.of("mistakes", "run", "core")),
            Map.entry("grade", List.of("stress", "run", "isolation", "core")),
            Map.entry("mistakes", List.of("run", "core")),
            Map.entry("stress", List.of("isolation", "core")),
            Map.entry("run", List.of("core")),
            Map.entry("isolation", List.of("core")),
            Map.entry("core", List.of()));

    static JavaClasses tool;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void importTheTool() {
        tool = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("katatool");
        // An import that found nothing would let every rule below pass.
        assertThat(tool).as("the tool's production classes").hasSizeGreaterThan(50);
    }

    @Test
    @DisplayName("each part uses only the parts below it: cli uses any, core none, and every class is in a part")
    void partsDependOneWay() {
        LayeredArchitecture parts = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String part : MAY_USE.keySet()) {
            parts = parts.layer(part).definedBy("katatool." + part + "..");
        }
        for (Map.Entry<String, List<String>> part : MAY_USE.entrySet()) {
            parts = part.getValue().isEmpty() ? parts.whereLayer(part.getKey()).mayNotAccessAnyLayer()
                    : parts.whereLayer(part.getKey()).mayOnlyAccessLayers(part.getValue().toArray(String[]::new));
        }
        parts.ensureAllClassesAreContainedInArchitecture()
                .because("a part that reached up or sideways would tie what it does to how it is used"
                        + " (README, \"The tool's parts\")")
                .check(tool);
    }

    /**
     * The same table, read from the sources: javac copies a constant ({@code static final int X = 3})
     * into the class that uses it, so no class file shows that dependency, but the import does.
     */
    @Test
    @DisplayName("no source imports from a part it may not use, not even a constant")
    void importsDependOneWay() throws IOException {
        Path sources = Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize()
                .resolve("tool/src/main/java/katatool");
        Pattern imported = Pattern.compile("^import\\s+(?:static\\s+)?katatool\\.(\\w+)\\.", Pattern.MULTILINE);
        List<String> forbidden = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String part = sources.relativize(file).getName(0).toString();
                Matcher m = imported.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).equals(part) && !MAY_USE.getOrDefault(part, List.of()).contains(m.group(1))) {
                        forbidden.add(sources.relativize(file) + " (" + part + ") imports from " + m.group(1));
                    }
                }
            }
        }
        assertThat(forbidden).as("imports against the direction of the parts").isEmpty();
    }

    @Test
    @DisplayName("no two parts use each other, directly or through a third")
    void partsHaveNoCycles() {
        slices().matching("katatool.(*)..").should().beFreeOfCycles().check(tool);
    }

    @Test
    @DisplayName("no class sits in the bare katatool package: a new class chooses its part")
    void noClassOutsideTheParts() {
        noClasses().should().resideInAPackage("katatool")
                .because("every class belongs to one of the tool's parts (katatool.cli, katatool.run, ...)")
                .check(tool);
    }
}
