/*
 * Prints PIT's mutation score per kata from mutations.xml and fails (exit 1) if any kata is below
 * the threshold. Only the references count (classes whose source is in the given solutions folder):
 * code handed to the learner complete is not what the katas' tests are there to pin down.
 * Run by the mutation profile after PIT:
 *   java scripts/MutationScores.java solutions/target/pit-reports/mutations.xml solutions/src/main/java 90
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class MutationScores {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java MutationScores.java <mutations.xml> <solutions source root> <min percent>");
        }
        Path report = Path.of(args[0]);
        Path references = Path.of(args[1]);
        int threshold = Integer.parseInt(args[2]);
        if (!Files.isRegularFile(report)) {
            System.err.println("No PIT report at " + report + ": did PIT run?");
            System.exit(1);
        }
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.toFile()).getElementsByTagName("mutation");
        Map<String, int[]> byKata = new TreeMap<>(); // kata -> {killed, total}
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String type = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            String kata = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
            String outer = type.substring(type.indexOf('.') + 1).split("\\$")[0];
            if (!Files.isRegularFile(references.resolve(kata).resolve(outer + ".java"))) {
                continue; // given code, not a reference
            }
            int[] counts = byKata.computeIfAbsent(kata, k -> new int[2]);
            counts[1]++;
            if (m.getAttribute("detected").equals("true")) {
                counts[0]++;
            }
        }
        boolean ok = !byKata.isEmpty();
        System.out.println("| kata | mutants | killed | score |");
        System.out.println("|---|---|---|---|");
        for (var e : byKata.entrySet()) {
            int killed = e.getValue()[0];
            int total = e.getValue()[1];
            double score = 100.0 * killed / total;
            ok &= score >= threshold;
            System.out.printf("| %s | %d | %d | %.0f%%%s |%n", e.getKey(), total, killed, score, score >= threshold ? "" : " (below " + threshold + "%)");
        }
        if (!ok) {
            System.err.println("Mutation score below " + threshold + "% for at least one kata (or no mutants): see solutions/target/pit-reports/index.html");
            System.exit(1);
        }
    }
}
