package architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rules of the repository's shape that hold for stubs and references alike: each kata stands
 * alone, and kata code is plain JDK code. (That katas never depend on solutions is a Maven rule:
 * the enforcer's bannedDependencies in katas/pom.xml, since both hold the same class names.)
 */
@DisplayName("the architecture")
class ArchitectureTest {

    private static final String[] TEST_LIBRARIES = {"org.junit..", "org.assertj..", "org.awaitility..", "com.tngtech.."};

    static Set<String> katas;
    static JavaClasses mainClasses;
    static JavaClasses allClasses;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // importing every kata's classes takes >10 s on a loaded 2-core machine
    static void importKatas() throws IOException, URISyntaxException {
        katas = katasOnClassPath();
        String[] packages = katas.toArray(String[]::new);
        mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages);
        allClasses = new ClassFileImporter().importPackages(packages);
    }

    @Test
    @DisplayName("finds the katas it checks")
    void findsKatas() {
        assertThat(katas).contains("k06_threads", "k07_lost_update");
        assertThat(mainClasses).isNotEmpty();
    }

    @Test
    @DisplayName("a kata's code never uses another kata's package")
    void katasStandAlone() {
        for (String kata : katas) {
            noClasses().that().resideInAPackage(kata + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others(kata))
                    .because("each kata must be solvable on its own")
                    .check(mainClasses);
        }
    }

    @Test
    @DisplayName("a kata's tests never reach into another kata's package")
    void testsStayInTheirKata() {
        for (String kata : katas) {
            noClasses().that().resideInAPackage(kata + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others(kata))
                    .because("a kata's tests speak only of that kata; shared helpers live in the support package")
                    .check(allClasses);
        }
    }

    @Test
    @DisplayName("kata code uses the JDK only, never a test library")
    void kataCodeIsPlainJdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(TEST_LIBRARIES)
                .because("stubs and references are what the learner writes: plain Java 25")
                .check(mainClasses);
    }

    private static String[] others(String kata) {
        return katas.stream().filter(k -> !k.equals(kata)).map(k -> k + "..").toArray(String[]::new);
    }

    /** Kata packages (kNN_topic) found in the class path's folders. */
    private static Set<String> katasOnClassPath() throws IOException, URISyntaxException {
        Set<String> found = new TreeSet<>();
        for (URL root : Collections.list(ArchitectureTest.class.getClassLoader().getResources(""))) {
            if (!root.getProtocol().equals("file")) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(Path.of(root.toURI()))) {
                dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("k\\d\\d_[a-z0-9_]+")).forEach(found::add);
            }
        }
        return found;
    }

}
