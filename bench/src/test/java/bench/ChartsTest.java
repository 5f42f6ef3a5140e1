package bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

@DisplayName("the benchmark charts")
@Timeout(60)
class ChartsTest {

    static final String CAPTION = "Measured on a test machine, 2026-12-02";

    @Test
    @DisplayName("draw the k09 speedup with the cores line and the caption, as well-formed SVG")
    void speedup() throws Exception {
        SequencedMap<Integer, Double> millis = new TreeMap<>();
        millis.put(1, 200.0);
        millis.put(2, 105.0);
        millis.put(4, 104.0);

        String svg = Charts.svg(Charts.speedup(millis, 2, CAPTION));

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("counting primes").contains("2 cores on this machine").contains(CAPTION)
                .contains("measured speedup").contains("ideal: one core per thread, up to 2 cores");
    }

    @Test
    @DisplayName("draw the k12 blocking tasks and the start costs on log scales")
    void logScales() throws Exception {
        SequencedMap<Integer, Double> pool = new TreeMap<>();
        SequencedMap<Integer, Double> virtual = new TreeMap<>();
        pool.put(100, 140.0);
        pool.put(3200, 4100.0);
        virtual.put(100, 22.0);
        virtual.put(3200, 35.0);
        SequencedMap<String, Double> costs = new LinkedHashMap<>();
        costs.put("a child JVM", 90_000.0);
        costs.put("a platform thread", 60.0);
        costs.put("a virtual thread", 4.0);

        String blocking = Charts.svg(Charts.blockingTasks(pool, virtual, CAPTION));
        String start = Charts.svg(Charts.startCosts(costs, CAPTION));

        parse(blocking);
        parse(start);
        assertThat(blocking).contains("fixed pool of 16 platform threads").contains("one virtual thread per task");
        assertThat(start).contains("a child JVM").contains("a virtual thread").contains("90,000 µs").contains(CAPTION);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG names the SVG 1.1 DTD; well-formedness needs no download of it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
