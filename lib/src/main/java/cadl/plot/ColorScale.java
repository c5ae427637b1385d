package cadl.plot;

import java.awt.Color;

/**
 * A continuous colour scale: maps a number t in [0, 1] to a colour.
 *
 * <ul>
 *   <li>{@link #COOL_WARM}: blue through light grey to red (Moreland's diverging map), for
 *       "early to late" (iterations) and for signed values such as a cost around zero;</li>
 *   <li>{@link #VIRIDIS}: dark purple through teal to yellow, perceptually uniform, for heights;</li>
 *   <li>{@link #GRAYS}: light grey to black, for "darker as training goes".</li>
 * </ul>
 * Values outside [0, 1] are clamped; NaN maps to transparent.
 */
public enum ColorScale {
    /** Blue through light grey to red (Moreland's diverging map). */
    COOL_WARM(new int[][] {
        {59, 76, 192}, {98, 130, 234}, {141, 176, 254}, {184, 208, 249}, {221, 221, 221},
        {245, 196, 173}, {244, 154, 123}, {222, 96, 77}, {180, 4, 38}}),
    /** Dark purple through teal to yellow, perceptually uniform (matplotlib's default). */
    VIRIDIS(new int[][] {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
        {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}}),
    /** Light grey to black. */
    GRAYS(new int[][] {{220, 220, 220}, {0, 0, 0}});

    private final int[][] stops;

    ColorScale(int[][] stops) {
        this.stops = stops;
    }

    /** The colour at t (0 = first colour, 1 = last), interpolated linearly between the stops. */
    public Color at(double t) {
        if (Double.isNaN(t)) {
            return new Color(0, 0, 0, 0);
        }
        double u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) Math.floor(u), stops.length - 2);
        double f = u - i;
        int[] a = stops[i];
        int[] b = stops[i + 1];
        return new Color(
            (int) Math.round(a[0] + f * (b[0] - a[0])),
            (int) Math.round(a[1] + f * (b[1] - a[1])),
            (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /** The colour of value v on a scale from lo to hi (lo maps to {@code at(0)}, hi to {@code at(1)}). */
    public Color at(double v, double lo, double hi) {
        return at(hi > lo ? (v - lo) / (hi - lo) : 0.5);
    }
}
