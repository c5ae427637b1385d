package cadl.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a scatter series draws each point: {@code CIRCLE} (filled disc, the default),
 * {@code PLUS} ('+' drawn as two thin strokes, matplotlib's {@code marker='+'}),
 * {@code CROSS} ('x'), {@code SQUARE}, {@code DOT} (a small disc) or {@code NONE}.
 */
public enum Marker {
    /** A filled disc. */
    CIRCLE,
    /** A thin '+'. */
    PLUS,
    /** A thin 'x'. */
    CROSS,
    /** A filled square. */
    SQUARE,
    /** A small filled disc, for thousands of points. */
    DOT,
    /** No marker (a line alone). */
    NONE;

    /** The XChart marker that draws this shape; PLUS and CROSS are thin strokes, not filled shapes. */
    org.knowm.xchart.style.markers.Marker xchart() {
        switch (this) {
            case CIRCLE: return SeriesMarkers.CIRCLE;
            case SQUARE: return SeriesMarkers.SQUARE;
            case NONE: return SeriesMarkers.NONE;
            default: return new Stroked(this);
        }
    }

    /** '+', 'x' and the dot, drawn by us: XChart's PLUS is a filled cross that smears at low alpha. */
    private static final class Stroked extends org.knowm.xchart.style.markers.Marker {
        private final Marker shape;

        Stroked(Marker shape) {
            this.shape = shape;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            double r = size / 2.0;
            if (shape == DOT) {
                double d = Math.max(2, size * 0.5);
                g.fill(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
                return;
            }
            g.setStroke(new BasicStroke(1.2f));
            if (shape == PLUS) {
                g.draw(new Line2D.Double(x - r, y, x + r, y));
                g.draw(new Line2D.Double(x, y - r, x, y + r));
            } else {
                double q = r * 0.8;
                g.draw(new Line2D.Double(x - q, y - q, x + q, y + q));
                g.draw(new Line2D.Double(x - q, y + q, x + q, y - q));
            }
        }
    }

}
