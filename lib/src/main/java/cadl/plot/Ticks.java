package cadl.plot;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/** Round tick values ("nice numbers": 1, 2, 2.5 or 5 times a power of ten) for axes we draw ourselves. */
final class Ticks {
    private Ticks() {
    }

    /** About {@code count} round values covering [lo, hi], all inside it. */
    static List<Double> between(double lo, double hi, int count) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo) || Double.isInfinite(hi - lo)) {
            out.add(lo);
            return out;
        }
        double step = step(lo, hi, count);
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    static double step(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10;
        return nice * p;
    }

    /** A label without trailing zeros: 0.5, 1, -0.25, 1e+03 for very big or small values. */
    static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return new DecimalFormat("0.##E0").format(v);
        }
        return new DecimalFormat("0.####").format(v);
    }
}
