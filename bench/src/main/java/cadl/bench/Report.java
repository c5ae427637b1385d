package cadl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the row files of one run into the markdown table (examples/s median [min-max], ratio to PyTorch,
 * peak RSS, heap, load) and checks agreement: each framework's first three losses must equal PyTorch's
 * within {@link #RELATIVE_TOLERANCE} relative.
 */
final class Report {
    /** Agreement tolerance on the first losses, relative to PyTorch's. */
    static final double RELATIVE_TOLERANCE = 1e-3;
    static final List<String> FRAMEWORKS = List.of("pytorch", "ours", "dl4j", "nd4j");
    static final Map<String, String> LABELS = Map.of("pytorch", "PyTorch (DJL)", "ours", "ours (cadl)",
            "dl4j", "DL4J", "nd4j", "raw ND4J (hand backward)");

    private Report() { }

    /** Prints the table, appends it to DIR/table.md, and returns 0, or 1 when some losses disagree. */
    static int write(Path dir, String header) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".row")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("ROW ")) {
                        Map<String, String> kv = new HashMap<>();
                        for (String tok : line.substring(4).split(" ")) {
                            int eq = tok.indexOf('=');
                            kv.put(tok.substring(0, eq), tok.substring(eq + 1));
                        }
                        rows.put(kv.get("framework") + "/" + kv.get("workload"), kv);
                    }
                }
            }
        }
        StringBuilder t = new StringBuilder();
        if (header != null) {
            t.append(header).append("\n\n");
        }
        t.append("| workload | framework | examples/s median [min-max] | ratio to PyTorch | peak RSS MB | heap peak MB | load at start | first 3 losses |\n");
        t.append("|---|---|---|---|---|---|---|---|\n");
        List<String> problems = new ArrayList<>();
        for (Workload w : Workload.values()) {
            Map<String, String> torch = rows.get("pytorch/" + w.id);
            for (String fw : FRAMEWORKS) {
                Map<String, String> r = rows.get(fw + "/" + w.id);
                if (r == null) {
                    continue;
                }
                String label = LABELS.get(fw);
                if (!"ok".equals(r.get("status"))) {
                    t.append(String.format(Locale.ROOT, "| %s | %s | %s | - | - | - | %s | - |%n", w.id, label,
                            r.getOrDefault("status", "?") + ": " + r.getOrDefault("why", "").replace('_', ' '),
                            r.getOrDefault("load", "")));
                    continue;
                }
                double median = Double.parseDouble(r.get("median"));
                String ratio = torch != null && "ok".equals(torch.get("status"))
                        ? String.format(Locale.ROOT, "%.2f", median / Double.parseDouble(torch.get("median"))) : "-";
                t.append(String.format(Locale.ROOT, "| %s | %s | %s [%s-%s] | %s | %s | %s | %s | %s |%n", w.id, label,
                        r.get("median"), r.get("min"), r.get("max"), ratio, r.get("rss_mb"), r.get("heap_mb"),
                        r.get("load"), r.get("losses").replace(",", ", ")));
                if (torch != null && !fw.equals("pytorch") && "ok".equals(torch.get("status"))) {
                    String[] a = r.get("losses").split(",");
                    String[] b = torch.get("losses").split(",");
                    for (int i = 0; i < Math.min(a.length, b.length); i++) {
                        double x = Double.parseDouble(a[i]);
                        double y = Double.parseDouble(b[i]);
                        double rel = Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
                        if (!(rel <= RELATIVE_TOLERANCE)) {
                            problems.add(String.format(Locale.ROOT,
                                    "%s/%s: loss %d is %s but PyTorch's is %s (relative difference %.2e > %.0e)",
                                    w.id, fw, i, a[i], b[i], rel, RELATIVE_TOLERANCE));
                        }
                    }
                }
            }
        }
        String table = t.toString();
        System.out.print(table);
        Files.writeString(dir.resolve("table.md"), table);
        if (!problems.isEmpty()) {
            System.err.println("AGREEMENT FAILED (first losses from the same initial weights must match PyTorch's):");
            problems.forEach(p -> System.err.println("  " + p));
            return 1;
        }
        System.out.println("\nAgreement: every framework's first " + Main.AGREE_STEPS
                + " losses match PyTorch's within " + RELATIVE_TOLERANCE + " relative.");
        return 0;
    }
}
