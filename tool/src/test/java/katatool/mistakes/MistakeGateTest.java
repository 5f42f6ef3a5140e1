package katatool.mistakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import katatool.core.Manifest;
import katatool.core.Repo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The mistake gate (docs/catalogue.md) over every kata, in its fast mode: every catalogued mistake
 * fails the tests it promises to fail, every alternative passes the whole kata, the learner's tool
 * names each kata's lowest-numbered mistake, and each kata has a catalogue of the size the project
 * asks for. One child JVM per kata, as many at once as there are cores.
 */
@DisplayName("the mistake catalogue")
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class MistakeGateTest {

    static final int MISTAKES = 5;
    static final int ALTERNATIVES = 2;

    static Manifest manifest;
    static MistakeGate.Verdict verdict;
    static String report;

    @BeforeAll
    static void runGate() throws InterruptedException {
        Repo repo = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        manifest = repo.manifest();
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            verdict = MistakeGate.run(repo, manifest.katas(), 0, Duration.ofMinutes(10), out);
            MistakeGate.summary(verdict, 0, out);
        }
        report = text.toString();
        System.out.print(report); // the surefire report keeps each kata's lines and the wall time
    }

    @TestFactory
    @DisplayName("every mistake fails its tests, every alternative passes, and the tool names each kata's first mistake")
    Stream<DynamicTest> everyPromiseHolds() {
        return verdict.katas().stream().map(k -> DynamicTest.dynamicTest(k.kata().id(), () ->
                assertThat(k.broken()).as("entries of %s that broke their promise (./kata mistakes %s to rerun):%n%s",
                        k.kata().id(), k.kata().id(), String.join("\n", k.lines())).isEmpty()));
    }

    @Test
    @DisplayName("every kata has at least five mistakes and two alternatives")
    void everyKataHasItsCatalogue() {
        List<String> short_ = verdict.katas().stream()
                .filter(k -> k.mistakes() < MISTAKES || k.alternatives() < ALTERNATIVES)
                .map(k -> String.format(Locale.ROOT, "%s has %d mistakes and %d alternatives", k.kata().id(),
                        k.mistakes(), k.alternatives()))
                .toList();
        assertThat(short_).as("katas whose catalogue is not written yet: each needs at least %d mistakes in"
                + " solutions/src/mistakes/<kata>/ and %d alternatives in solutions/src/alternatives/<kata>/"
                + " (docs/catalogue.md)", MISTAKES, ALTERNATIVES).isEmpty();
    }

    @Test
    @DisplayName("the gate judged every kata of the manifest")
    void everyKataJudged() {
        assertThat(verdict.katas()).extracting(k -> k.kata().id())
                .containsExactlyElementsOf(manifest.katas().stream().map(Manifest.Kata::id).toList());
    }
}
