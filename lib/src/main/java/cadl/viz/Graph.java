package cadl.viz;

import cadl.notebook.Displayable;
import cadl.tensor.Errors;
import cadl.tensor.NoGrad;
import cadl.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The recorded computation that produced a tensor: the ops in the order they ran, named by the
 * scopes in force ("layer1/matmul"), and a drawing of the graph. This is the course's answer to
 * TensorFlow 1's {@code graph.get_operations()} and to the lecture's "visualize the network with
 * TensorBoard" TODO.
 *
 * <pre>{@code
 * Graph g = Graph.of(loss);
 * g.opNames();      // [layer1/matmul, layer1/add, layer1/relu, ..., sub, abs, sum, mul]
 * g.listing();      // the same, grouped by scope, with shapes and inputs
 * display(g);       // the drawing (image/png) in a notebook
 * }</pre>
 * Only ops recorded while some input required gradients appear (see {@link Tensor}); inside
 * {@link NoGrad} nothing is recorded.
 */
public final class Graph implements Displayable {
    /** Graphs with more nodes than this are not drawn (the listing still works). */
    public static final int MAX_DRAWN_NODES = 400;

    private final Tensor root;
    private final List<Tensor> nodes;   // inputs before the ops that use them

    private Graph(Tensor root) {
        this.root = root;
        this.nodes = root.history();
    }

    /** The graph that produced {@code result} (everything it depends on). */
    public static Graph of(Tensor result) {
        if (result == null) throw Errors.arg("Graph.of", "expected a tensor, got null", null);
        return new Graph(result);
    }

    /** The result this graph ends in. */
    public Tensor result() {
        return root;
    }

    /** Number of nodes (inputs, parameters and ops). */
    public int size() {
        return nodes.size();
    }

    /** The scoped names of the ops, in the order they ran (a topological order). */
    public List<String> opNames() {
        List<String> names = new ArrayList<>();
        for (Tensor t : nodes) if (isOp(t)) names.add(t.op());
        return names;
    }

    /** The names of the leaves that require gradients (the parameters), in order of first use. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Tensor t : nodes) if (!isOp(t) && t.requiresGrad()) names.add(label(t));
        return names;
    }

    /**
     * A text listing grouped by scope: each scope's ops (in run order) with their output shape and
     * inputs, e.g.
     * <pre>
     * layer1/
     *   matmul      [100, 10]  &lt;- input [100, 2], layer1/W [2, 10]
     * </pre>
     */
    public String listing() {
        Map<String, List<Tensor>> byScope = new LinkedHashMap<>();
        for (Tensor t : nodes) {
            if (!isOp(t)) continue;
            byScope.computeIfAbsent(scopeOf(t.op()), k -> new ArrayList<>()).add(t);
        }
        int width = 0;
        for (Tensor t : nodes) if (isOp(t)) width = Math.max(width, shortOp(t.op()).length());
        StringBuilder sb = new StringBuilder();
        sb.append("Graph: ").append(opNames().size()).append(" ops, ").append(nodes.size() - opNames().size())
                .append(" inputs (").append(parameterNames().size()).append(" requiring grad)\n");
        for (Map.Entry<String, List<Tensor>> e : byScope.entrySet()) {
            String scope = e.getKey();
            String indent = scope.isEmpty() ? "" : "  ";
            if (!scope.isEmpty()) sb.append(scope).append("/\n");
            for (Tensor t : e.getValue()) {
                sb.append(indent).append(pad(shortOp(t.op()), width)).append("  ").append(pad(Errors.shape(t.shape()), 14))
                        .append(" <- ");
                for (int i = 0; i < t.inputs().size(); i++) {
                    if (i > 0) sb.append(", ");
                    Tensor p = t.inputs().get(i);
                    sb.append(label(p)).append(' ').append(Errors.shape(p.shape()));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The listing. */
    @Override
    public String toString() {
        return listing();
    }

    // ------------------------------------------------------------------------------------------
    // Drawing

    private static final int BOX_H = 40, ROW_GAP = 46, COL_GAP = 18, MARGIN = 24, MIN_BOX_W = 96, LANE = 10;
    private static final Color OP = new Color(0xDCE9F7), OP_EDGE = new Color(0x2F6DB5);
    private static final Color PARAM = new Color(0xFDE3C8), PARAM_EDGE = new Color(0xC8671B);
    private static final Color INPUT = new Color(0xEEEEEE), INPUT_EDGE = new Color(0x777777);
    private static final Color RESULT_EDGE = new Color(0xB0302A);
    private static final Color SCOPE = new Color(0x2F6DB5);

    /**
     * Draws the graph top to bottom: inputs (grey) and parameters (orange) at the top, each op a
     * blue box in the row of its depth (longest path from an input), arrows from inputs to the op
     * that uses them, a frame around each scope and the result outlined in red. Works headless.
     */
    public BufferedImage draw() {
        if (nodes.size() > MAX_DRAWN_NODES) {
            throw Errors.state("Graph.draw", "the graph has " + nodes.size() + " nodes, more than "
                    + MAX_DRAWN_NODES + " can be drawn readably", "use listing() or draw a smaller part");
        }
        Drawing d = new Drawing();
        d.assignRows();
        d.measure();
        d.placeInRows();
        d.size();
        Graphics2D g = d.canvas();
        Map<String, double[]> frames = d.scopeFrames(g);
        d.arrows(g);
        d.longEdges(g);
        d.boxes(g);
        d.scopeNames(g, frames);
        g.dispose();
        return d.img;
    }

    private static final int TITLE_H = 22;

    /** One drawing in progress: the layout (rows, box widths, positions, lanes) and the painting steps over it. */
    private final class Drawing {
        final List<List<Tensor>> rows = new ArrayList<>();
        final Map<Tensor, Tensor> besideOf = new IdentityHashMap<>();
        final Map<Tensor, Integer> boxW = new IdentityHashMap<>();
        final Map<Tensor, Double> x = new IdentityHashMap<>();
        final Map<Tensor, Double> y = new IdentityHashMap<>();
        final List<Tensor[]> longEdges = new ArrayList<>();
        final Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        FontMetrics fm, fms;
        int width, height, contentWidth;
        String heading;
        BufferedImage img;

        /** Rows by depth (longest path from a leaf); parameters beside their first user, other inputs above it. */
        void assignRows() {
            // depth = longest path from a leaf; rows ordered by the mean position of the parents
            Map<Tensor, Integer> depth = new IdentityHashMap<>();
            int maxDepth = 0;
            for (Tensor t : nodes) {
                int d = 0;
                // crossing into another scope skips a row, so that scopes occupy separate bands
                if (isOp(t)) for (Tensor p : t.inputs()) d = Math.max(d, depth.get(p) + (scope(p).equals(scope(t)) ? 1 : 2));
                depth.put(t, d);
                maxDepth = Math.max(maxDepth, d);
            }
            // leaves sit one row above their first user, so parameters appear beside the layer using them
            // parameters, and inputs joining an op fed by another op, sit beside their first user (same
            // row, to its left); the other inputs one row above it
            Map<Tensor, Integer> leafDepth = new IdentityHashMap<>();
            for (Tensor t : nodes) {
                if (!isOp(t)) continue;
                boolean fedByOp = false;
                for (Tensor p : t.inputs()) fedByOp |= isOp(p);
                for (Tensor p : t.inputs()) {
                    if (isOp(p) || leafDepth.containsKey(p)) continue;   // the first user decides
                    if (p.requiresGrad() || fedByOp) {
                        besideOf.put(p, t);
                        leafDepth.put(p, depth.get(t));
                    } else {
                        leafDepth.put(p, depth.get(t) - 1);
                    }
                }
            }
            depth.putAll(leafDepth);
            for (int d = 0; d <= maxDepth; d++) rows.add(new ArrayList<>());
            for (Tensor t : nodes) rows.get(Math.max(0, depth.get(t))).add(t);
            rows.removeIf(List::isEmpty);

        }

        /** Font metrics and each box's width (its title or its shape, whichever is wider). */
        void measure() {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = probe.createGraphics();
            pg.setFont(font);
            fm = pg.getFontMetrics();
            pg.setFont(small);
            fms = pg.getFontMetrics();
            pg.dispose();

            for (Tensor t : nodes) {
                int w = Math.max(fm.stringWidth(title(t)), fms.stringWidth(Errors.shape(t.shape()))) + 16;
                boxW.put(t, Math.max(MIN_BOX_W, w));
            }
        }

        /** Orders each row and gives every box its x. */
        void placeInRows() {
            // order each row by the mean x of the parents in rows above (barycentre heuristic: fewer
            // crossings); a parameter goes just left of the op that uses it
            for (List<Tensor> row : rows) {
                List<Tensor> main = new ArrayList<>();
                for (Tensor t : row) if (!besideOf.containsKey(t)) main.add(t);
                Map<Tensor, Double> key = new IdentityHashMap<>();
                for (int i = 0; i < main.size(); i++) {
                    Tensor t = main.get(i);
                    double s = 0;
                    int n = 0;
                    if (isOp(t)) {
                        for (Tensor p : t.inputs()) {
                            Double px = x.get(p);
                            if (px != null) {
                                s += px;
                                n++;
                            }
                        }
                    }
                    key.put(t, n > 0 ? s / n : i * 1e-3);
                }
                main.sort((a, b) -> Double.compare(key.get(a), key.get(b)));
                List<Tensor> ordered = new ArrayList<>();
                for (Tensor t : main) {
                    for (Tensor p : row) if (besideOf.get(p) == t) ordered.add(p);
                    ordered.add(t);
                }
                for (Tensor p : row) if (besideOf.containsKey(p) && !ordered.contains(p)) ordered.add(p);
                row.clear();
                row.addAll(ordered);
                double cx = MARGIN;
                for (Tensor t : row) {
                    int w = boxW.get(t);
                    x.put(t, cx + w / 2.0);
                    cx += w + COL_GAP;
                }
                width = Math.max(width, (int) cx - COL_GAP + MARGIN);
            }
            // centre each row
            for (List<Tensor> row : rows) {
                if (row.isEmpty()) continue;
                Tensor last = row.get(row.size() - 1);
                double used = x.get(last) + boxW.get(last) / 2.0 + MARGIN;
                double shift = (width - used) / 2.0;
                for (Tensor t : row) x.put(t, x.get(t) + shift);
            }
        }

        /** The image's size, the heading, and the right-hand lanes of edges that skip rows. */
        void size() {
            height = MARGIN * 2 + TITLE_H + rows.size() * BOX_H + (rows.size() - 1) * ROW_GAP;
            heading = "Graph of " + label(root) + " " + Errors.shape(root.shape()) + ": " + opNames().size()
                    + " ops, " + parameterNames().size() + " parameters";
            width = Math.max(width, fm.stringWidth(heading) + 2 * MARGIN + 20);
            // edges that skip rows run down lanes on the right, so they cross no box
            Map<Tensor, Integer> rowOf = new IdentityHashMap<>();
            for (int r = 0; r < rows.size(); r++) for (Tensor t : rows.get(r)) rowOf.put(t, r);
            for (Tensor t : nodes) {
                if (!isOp(t)) continue;
                for (Tensor p : t.inputs()) {
                    int span = rowOf.get(t) - rowOf.get(p);
                    if (span > 1 || span < 0 || (span == 0 && besideOf.get(p) != t)) longEdges.add(new Tensor[] {p, t});
                }
            }
            contentWidth = width;
            width += longEdges.isEmpty() ? 0 : 8 + LANE * longEdges.size();
        }

        /** A white image with the heading, and each row's y. */
        Graphics2D canvas() {
            img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(font.deriveFont(Font.BOLD));
            g.setColor(Color.DARK_GRAY);
            g.drawString(heading, MARGIN, MARGIN + 4);

            for (int d = 0; d < rows.size(); d++) {
                for (Tensor t : rows.get(d)) y.put(t, (double) (MARGIN + TITLE_H + d * (BOX_H + ROW_GAP)));
            }
            return g;
        }

        /** A dashed frame around each scope's boxes; returns the frames for their names. */
        Map<String, double[]> scopeFrames(Graphics2D g) {
            Map<String, double[]> frames = new LinkedHashMap<>();
            for (Tensor t : nodes) {
                String s = scope(t);
                if (s.isEmpty()) continue;
                double l = x.get(t) - boxW.get(t) / 2.0, tp = y.get(t), r = l + boxW.get(t), b = tp + BOX_H;
                frames.merge(s, new double[] {l, tp, r, b},
                    (a, c) -> new double[] {Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[2]), Math.max(a[3], c[3])});
            }
            g.setFont(small);
            for (Map.Entry<String, double[]> e : frames.entrySet()) {
                double[] f = e.getValue();
                g.setColor(new Color(SCOPE.getRed(), SCOPE.getGreen(), SCOPE.getBlue(), 28));
                RoundRectangle2D rr = new RoundRectangle2D.Double(f[0] - 8, f[1] - 14, f[2] - f[0] + 16, f[3] - f[1] + 20, 14, 14);
                g.fill(rr);
                g.setColor(SCOPE);
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 3f}, 0f));
                g.draw(rr);
            }
            return frames;
        }

        /** Arrows from each input to the op using it (short horizontal ones for a parameter beside its op). */
        void arrows(Graphics2D g) {
            g.setStroke(new BasicStroke(1.2f));
            g.setColor(new Color(0x555555));
            for (Tensor t : nodes) {
                if (!isOp(t)) continue;
                for (Tensor p : t.inputs()) {
                    if (isLong(longEdges, p, t)) continue;
                    if (y.get(p).equals(y.get(t))) {   // a parameter beside its op: a short horizontal arrow
                        double x1 = x.get(p) + boxW.get(p) / 2.0, x2 = x.get(t) - boxW.get(t) / 2.0 - 1, ym = y.get(t) + BOX_H / 2.0;
                        g.draw(new java.awt.geom.Line2D.Double(x1, ym, x2, ym));
                        Path2D head = new Path2D.Double();
                        head.moveTo(x2, ym);
                        head.lineTo(x2 - 8, ym - 4);
                        head.lineTo(x2 - 8, ym + 4);
                        head.closePath();
                        g.fill(head);
                        continue;
                    }
                    double x1 = x.get(p), y1 = y.get(p) + BOX_H, x2 = x.get(t), y2 = y.get(t);
                    Path2D path = new Path2D.Double();
                    path.moveTo(x1, y1);
                    double my = (y1 + y2) / 2;
                    path.curveTo(x1, my, x2, my, x2, y2 - 1);
                    g.draw(path);
                    arrowHead(g, x2, y2 - 1);
                }
            }
        }

        /** Edges that skip rows, down lanes on the right. */
        void longEdges(Graphics2D g) {
            g.setColor(new Color(0x8A8A8A));
            for (int k = 0; k < longEdges.size(); k++) {
                Tensor p = longEdges.get(k)[0], t = longEdges.get(k)[1];
                double lane = contentWidth + 4 + LANE * (k + 0.5);
                double x1 = x.get(p), y1 = y.get(p) + BOX_H, gap = y1 + ROW_GAP / 2.0 - 6 + (k % 4) * 3;
                double ym = y.get(t) + BOX_H / 2.0 + (k % 3) * 4 - 4, x2 = x.get(t) + boxW.get(t) / 2.0 + 1;
                Path2D path = new Path2D.Double();
                path.moveTo(x1, y1);
                path.lineTo(x1, gap);
                path.lineTo(lane, gap);
                path.lineTo(lane, ym);
                path.lineTo(x2, ym);
                g.draw(path);
                Path2D head = new Path2D.Double();
                head.moveTo(x2, ym);
                head.lineTo(x2 + 8, ym - 4);
                head.lineTo(x2 + 8, ym + 4);
                head.closePath();
                g.fill(head);
            }
        }

        /** The boxes: ops blue, parameters orange, inputs grey, the result outlined in red. */
        void boxes(Graphics2D g) {
            for (Tensor t : nodes) {
                double cx = x.get(t), top = y.get(t);
                int w = boxW.get(t);
                RoundRectangle2D box = new RoundRectangle2D.Double(cx - w / 2.0, top, w, BOX_H, 10, 10);
                Color fill = isOp(t) ? OP : t.requiresGrad() ? PARAM : INPUT;
                Color edge = t == root ? RESULT_EDGE : isOp(t) ? OP_EDGE : t.requiresGrad() ? PARAM_EDGE : INPUT_EDGE;
                g.setColor(fill);
                g.fill(box);
                g.setColor(edge);
                g.setStroke(new BasicStroke(t == root ? 2.2f : 1.2f));
                g.draw(box);
                g.setColor(Color.BLACK);
                g.setFont(font);
                String title = title(t);
                g.drawString(title, (float) (cx - fm.stringWidth(title) / 2.0), (float) top + 17);
                g.setFont(small);
                g.setColor(Color.DARK_GRAY);
                String shape = Errors.shape(t.shape());
                g.drawString(shape, (float) (cx - fms.stringWidth(shape) / 2.0), (float) top + 32);
            }
        }

        /** Scope names last, on a light backing, so no arrow runs through them. */
        void scopeNames(Graphics2D g, Map<String, double[]> frames) {
            // scope names last, on a light backing, so no arrow runs through them
            g.setFont(small);
            for (Map.Entry<String, double[]> e : frames.entrySet()) {
                double[] f = e.getValue();
                int tw = fms.stringWidth(e.getKey());
                g.setColor(new Color(0xE8EEF6));
                g.fillRect((int) f[0] - 5, (int) f[1] - 12, tw + 2, 11);
                g.setColor(SCOPE);
                g.drawString(e.getKey(), (float) f[0] - 4, (float) f[1] - 3);
            }
        }
    }

    private static boolean isLong(List<Tensor[]> longEdges, Tensor p, Tensor t) {
        for (Tensor[] e : longEdges) if (e[0] == p && e[1] == t) return true;
        return false;
    }

    private static void arrowHead(Graphics2D g, double x, double y) {
        Path2D head = new Path2D.Double();
        head.moveTo(x, y);
        head.lineTo(x - 4, y - 8);
        head.lineTo(x + 4, y - 8);
        head.closePath();
        g.fill(head);
    }

    /**
     * The drawing as {@code image/png} (base64) and the listing as {@code text/plain}; graphs too big
     * to draw give the listing only.
     */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        if (nodes.size() <= MAX_DRAWN_NODES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(draw(), "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            m.put("image/png", Base64.getEncoder().encodeToString(out.toByteArray()));
        }
        m.put("text/plain", listing());
        return Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------------------------------

    private static boolean isOp(Tensor t) {
        return !t.inputs().isEmpty();
    }

    /** What a box shows: the op's own name (its scope is the frame), or the leaf's name. */
    private static String title(Tensor t) {
        if (isOp(t)) return shortOp(t.op());
        return t.name() != null ? shortOp(t.name()) : t.requiresGrad() ? "parameter" : "input";
    }

    private static String label(Tensor t) {
        if (isOp(t)) return t.op();
        return t.name() != null ? t.name() : t.requiresGrad() ? "parameter" : "input";
    }

    /** The scope an op ran in, or a named leaf was created in ("" for none). */
    private static String scope(Tensor t) {
        return isOp(t) ? scopeOf(t.op()) : t.name() != null ? scopeOf(t.name()) : "";
    }

    private static String scopeOf(String qualified) {
        int i = qualified.lastIndexOf('/');
        return i < 0 ? "" : qualified.substring(0, i);
    }

    private static String shortOp(String qualified) {
        return qualified.substring(qualified.lastIndexOf('/') + 1);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
