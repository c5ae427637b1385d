package cadl.viz;

import cadl.tensor.Tensor;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A colour map: a value in 0..1 to an RGB colour, and a 2-D tensor to an RGB image.
 *
 * <p>Three maps, each a table of 256 colours looked up as matplotlib does (entry {@code floor(256 t)},
 * the last one for {@code t = 1}):
 * <ul>
 *   <li>{@link #gray()}: black to white.</li>
 *   <li>{@link #coolWarm()}: diverging blue - light grey - red (Moreland 2009, "Diverging Color Maps for
 *       Scientific Visualization"), the lesson's cool-to-warm map for weights and filters; 0 sits on the
 *       light grey middle when the range is symmetric.</li>
 *   <li>{@link #viridis()}: perceptually uniform dark violet - teal - yellow (van der Walt and Smith, 2015,
 *       CC0), readable in grey and by colour-blind readers.</li>
 * </ul>
 * The coolWarm and viridis tables are matplotlib 3.6's, rounded to 8 bits.
 *
 * <p>The automatic range of {@link #apply(Tensor)} is the values' min..max for a sequential map and
 * {@code -m..m} with {@code m = max |value|} for a diverging one, so zero is always neutral.
 *
 * <pre>{@code
 * display(ColorMap.coolWarm().apply(W.slice(1, 3, 4).reshape(28, 28)));   // column 3 of W [784, 10]
 * }</pre>
 */
public final class ColorMap {

    /** Number of colours in each map's table. */
    public static final int SIZE = 256;

    private static final ColorMap GRAY = new ColorMap("gray", false, grayTable());
    private static final ColorMap COOL_WARM = new ColorMap("coolWarm", true, new int[]{
            0x3B4CC0, 0x3C4EC2, 0x3D50C3, 0x3E51C5, 0x3F53C6, 0x4055C8, 0x4257C9, 0x4358CB,
            0x445ACC, 0x455CCE, 0x465ECF, 0x485FD1, 0x4961D2, 0x4A63D3, 0x4B64D5, 0x4C66D6,
            0x4E68D8, 0x4F69D9, 0x506BDA, 0x516DDB, 0x536EDD, 0x5470DE, 0x5572DF, 0x5673E0,
            0x5875E1, 0x5977E3, 0x5A78E4, 0x5B7AE5, 0x5D7CE6, 0x5E7DE7, 0x5F7FE8, 0x6180E9,
            0x6282EA, 0x6384EB, 0x6485EC, 0x6687ED, 0x6788EE, 0x688AEF, 0x6A8BEF, 0x6B8DF0,
            0x6C8FF1, 0x6E90F2, 0x6F92F3, 0x7093F3, 0x7295F4, 0x7396F5, 0x7597F6, 0x7699F6,
            0x779AF7, 0x799CF8, 0x7A9DF8, 0x7B9FF9, 0x7DA0F9, 0x7EA1FA, 0x80A3FA, 0x81A4FB,
            0x82A6FB, 0x84A7FC, 0x85A8FC, 0x86A9FC, 0x88ABFD, 0x89ACFD, 0x8BADFD, 0x8CAFFE,
            0x8DB0FE, 0x8FB1FE, 0x90B2FE, 0x92B4FE, 0x93B5FE, 0x94B6FF, 0x96B7FF, 0x97B8FF,
            0x98B9FF, 0x9ABBFF, 0x9BBCFF, 0x9DBDFF, 0x9EBEFF, 0x9FBFFF, 0xA1C0FF, 0xA2C1FF,
            0xA3C2FE, 0xA5C3FE, 0xA6C4FE, 0xA7C5FE, 0xA9C6FD, 0xAAC7FD, 0xABC8FD, 0xADC9FD,
            0xAEC9FC, 0xAFCAFC, 0xB1CBFC, 0xB2CCFB, 0xB3CDFB, 0xB5CDFA, 0xB6CEFA, 0xB7CFF9,
            0xB9D0F9, 0xBAD0F8, 0xBBD1F8, 0xBCD2F7, 0xBED2F6, 0xBFD3F6, 0xC0D4F5, 0xC1D4F4,
            0xC3D5F4, 0xC4D5F3, 0xC5D6F2, 0xC6D6F1, 0xC7D7F0, 0xC9D7F0, 0xCAD8EF, 0xCBD8EE,
            0xCCD9ED, 0xCDD9EC, 0xCEDAEB, 0xCFDAEA, 0xD1DAE9, 0xD2DBE8, 0xD3DBE7, 0xD4DBE6,
            0xD5DBE5, 0xD6DCE4, 0xD7DCE3, 0xD8DCE2, 0xD9DCE1, 0xDADCE0, 0xDBDCDE, 0xDCDDDD,
            0xDDDCDC, 0xDEDCDB, 0xDFDBD9, 0xE0DBD8, 0xE1DAD6, 0xE2DAD5, 0xE3D9D3, 0xE4D9D2,
            0xE5D8D1, 0xE6D7CF, 0xE7D7CE, 0xE8D6CC, 0xE9D5CB, 0xEAD5C9, 0xEAD4C8, 0xEBD3C6,
            0xECD3C5, 0xEDD2C3, 0xEDD1C2, 0xEED0C0, 0xEFCFBF, 0xEFCEBD, 0xF0CDBB, 0xF1CDBA,
            0xF1CCB8, 0xF2CBB7, 0xF2CAB5, 0xF2C9B4, 0xF3C8B2, 0xF3C7B1, 0xF4C6AF, 0xF4C5AD,
            0xF5C4AC, 0xF5C2AA, 0xF5C1A9, 0xF5C0A7, 0xF6BFA6, 0xF6BEA4, 0xF6BDA2, 0xF7BCA1,
            0xF7BA9F, 0xF7B99E, 0xF7B89C, 0xF7B79B, 0xF7B599, 0xF7B497, 0xF7B396, 0xF7B194,
            0xF7B093, 0xF7AF91, 0xF7AD90, 0xF7AC8E, 0xF7AA8C, 0xF7A98B, 0xF7A889, 0xF7A688,
            0xF6A586, 0xF6A385, 0xF6A283, 0xF5A081, 0xF59F80, 0xF59D7E, 0xF59C7D, 0xF49A7B,
            0xF4987A, 0xF39778, 0xF39577, 0xF39475, 0xF29274, 0xF29072, 0xF18F71, 0xF18D6F,
            0xF08B6E, 0xF08A6C, 0xEF886B, 0xEE8669, 0xEE8468, 0xED8366, 0xEC8165, 0xEC7F63,
            0xEB7D62, 0xEA7B60, 0xE97A5F, 0xE9785D, 0xE8765C, 0xE7745B, 0xE67259, 0xE57058,
            0xE46E56, 0xE36C55, 0xE36B54, 0xE26952, 0xE16751, 0xE0654F, 0xDF634E, 0xDE614D,
            0xDD5F4B, 0xDC5D4A, 0xDA5A49, 0xD95847, 0xD85646, 0xD75445, 0xD65244, 0xD55042,
            0xD44E41, 0xD24B40, 0xD1493F, 0xD0473D, 0xCF453C, 0xCD423B, 0xCC403A, 0xCB3E38,
            0xCA3B37, 0xC83836, 0xC73635, 0xC53334, 0xC43032, 0xC32E31, 0xC12B30, 0xC0282F,
            0xBE242E, 0xBD1F2D, 0xBB1B2C, 0xBA162B, 0xB8122A, 0xB70D28, 0xB50927, 0xB40426,
    });
    private static final ColorMap VIRIDIS = new ColorMap("viridis", false, new int[]{
            0x440154, 0x440256, 0x450457, 0x450559, 0x46075A, 0x46085C, 0x460A5D, 0x460B5E,
            0x470D60, 0x470E61, 0x471063, 0x471164, 0x471365, 0x481467, 0x481668, 0x481769,
            0x48186A, 0x481A6C, 0x481B6D, 0x481C6E, 0x481D6F, 0x481F70, 0x482071, 0x482173,
            0x482374, 0x482475, 0x482576, 0x482677, 0x482878, 0x482979, 0x472A7A, 0x472C7A,
            0x472D7B, 0x472E7C, 0x472F7D, 0x46307E, 0x46327E, 0x46337F, 0x463480, 0x453581,
            0x453781, 0x453882, 0x443983, 0x443A83, 0x443B84, 0x433D84, 0x433E85, 0x423F85,
            0x424086, 0x424186, 0x414287, 0x414487, 0x404588, 0x404688, 0x3F4788, 0x3F4889,
            0x3E4989, 0x3E4A89, 0x3E4C8A, 0x3D4D8A, 0x3D4E8A, 0x3C4F8A, 0x3C508B, 0x3B518B,
            0x3B528B, 0x3A538B, 0x3A548C, 0x39558C, 0x39568C, 0x38588C, 0x38598C, 0x375A8C,
            0x375B8D, 0x365C8D, 0x365D8D, 0x355E8D, 0x355F8D, 0x34608D, 0x34618D, 0x33628D,
            0x33638D, 0x32648E, 0x32658E, 0x31668E, 0x31678E, 0x31688E, 0x30698E, 0x306A8E,
            0x2F6B8E, 0x2F6C8E, 0x2E6D8E, 0x2E6E8E, 0x2E6F8E, 0x2D708E, 0x2D718E, 0x2C718E,
            0x2C728E, 0x2C738E, 0x2B748E, 0x2B758E, 0x2A768E, 0x2A778E, 0x2A788E, 0x29798E,
            0x297A8E, 0x297B8E, 0x287C8E, 0x287D8E, 0x277E8E, 0x277F8E, 0x27808E, 0x26818E,
            0x26828E, 0x26828E, 0x25838E, 0x25848E, 0x25858E, 0x24868E, 0x24878E, 0x23888E,
            0x23898E, 0x238A8D, 0x228B8D, 0x228C8D, 0x228D8D, 0x218E8D, 0x218F8D, 0x21908D,
            0x21918C, 0x20928C, 0x20928C, 0x20938C, 0x1F948C, 0x1F958B, 0x1F968B, 0x1F978B,
            0x1F988B, 0x1F998A, 0x1F9A8A, 0x1E9B8A, 0x1E9C89, 0x1E9D89, 0x1F9E89, 0x1F9F88,
            0x1FA088, 0x1FA188, 0x1FA187, 0x1FA287, 0x20A386, 0x20A486, 0x21A585, 0x21A685,
            0x22A785, 0x22A884, 0x23A983, 0x24AA83, 0x25AB82, 0x25AC82, 0x26AD81, 0x27AD81,
            0x28AE80, 0x29AF7F, 0x2AB07F, 0x2CB17E, 0x2DB27D, 0x2EB37C, 0x2FB47C, 0x31B57B,
            0x32B67A, 0x34B679, 0x35B779, 0x37B878, 0x38B977, 0x3ABA76, 0x3BBB75, 0x3DBC74,
            0x3FBC73, 0x40BD72, 0x42BE71, 0x44BF70, 0x46C06F, 0x48C16E, 0x4AC16D, 0x4CC26C,
            0x4EC36B, 0x50C46A, 0x52C569, 0x54C568, 0x56C667, 0x58C765, 0x5AC864, 0x5CC863,
            0x5EC962, 0x60CA60, 0x63CB5F, 0x65CB5E, 0x67CC5C, 0x69CD5B, 0x6CCD5A, 0x6ECE58,
            0x70CF57, 0x73D056, 0x75D054, 0x77D153, 0x7AD151, 0x7CD250, 0x7FD34E, 0x81D34D,
            0x84D44B, 0x86D549, 0x89D548, 0x8BD646, 0x8ED645, 0x90D743, 0x93D741, 0x95D840,
            0x98D83E, 0x9BD93C, 0x9DD93B, 0xA0DA39, 0xA2DA37, 0xA5DB36, 0xA8DB34, 0xAADC32,
            0xADDC30, 0xB0DD2F, 0xB2DD2D, 0xB5DE2B, 0xB8DE29, 0xBADE28, 0xBDDF26, 0xC0DF25,
            0xC2DF23, 0xC5E021, 0xC8E020, 0xCAE11F, 0xCDE11D, 0xD0E11C, 0xD2E21B, 0xD5E21A,
            0xD8E219, 0xDAE319, 0xDDE318, 0xDFE318, 0xE2E418, 0xE5E419, 0xE7E419, 0xEAE51A,
            0xECE51B, 0xEFE51C, 0xF1E51D, 0xF4E61E, 0xF6E620, 0xF8E621, 0xFBE723, 0xFDE725,
    });

    private final String name;
    private final boolean diverging;
    private final int[] table;

    private ColorMap(String name, boolean diverging, int[] table) {
        if (table.length != SIZE) {
            throw new IllegalStateException("ColorMap " + name + ": table has " + table.length + " colours, expected " + SIZE);
        }
        this.name = name;
        this.diverging = diverging;
        this.table = table;
    }

    /** Black (0) to white (1). */
    public static ColorMap gray() {
        return GRAY;
    }

    /** Diverging cool (blue, 0) to neutral light grey (0.5) to warm (red, 1): the lesson's cool-to-warm map. */
    public static ColorMap coolWarm() {
        return COOL_WARM;
    }

    /** Perceptually uniform, dark violet (0) to yellow (1). */
    public static ColorMap viridis() {
        return VIRIDIS;
    }

    /** The map's name: {@code "gray"}, {@code "coolWarm"} or {@code "viridis"}. */
    public String name() {
        return name;
    }

    /** True for a map whose middle is neutral (coolWarm): its automatic range is symmetric around 0. */
    public boolean isDiverging() {
        return diverging;
    }

    /**
     * The colour of {@code t} as {@code 0xRRGGBB}: {@code t} is clipped to 0..1; NaN gives black.
     */
    public int rgb(double t) {
        if (Double.isNaN(t)) {
            return 0x000000;
        }
        int i = (int) Math.floor(t * SIZE);
        return table[Math.max(0, Math.min(SIZE - 1, i))];
    }

    /** The colour of {@code t} (clipped to 0..1) as a {@link Color}. */
    public Color color(double t) {
        return new Color(rgb(t));
    }

    /**
     * The range {@link #apply(Tensor)} uses for these values: {@code {min, max}}, or {@code {-m, m}} with
     * {@code m = max |value|} for a diverging map. NaNs are ignored; an empty or constant range is widened
     * by 1 on each side (all values then show the middle colour).
     */
    public double[] autoRange(Tensor values) {
        return autoRange(values.toFloatArray());
    }

    double[] autoRange(float[] values) {
        double[] mm = Images.minMax(values);
        double lo = mm[0];
        double hi = mm[1];
        if (diverging) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (!(hi > lo)) {
            lo -= 1;
            hi += 1;
        }
        return new double[]{lo, hi};
    }

    /**
     * Colours a 2-D tensor over its automatic range ({@link #autoRange(Tensor)}).
     *
     * @param values {@code [H, W]} or {@code [H, W, 1]}
     * @return an {@code H x W} RGB image
     */
    public Image apply(Tensor values) {
        float[] data = values.toFloatArray();
        double[] range = autoRange(data);
        return apply("ColorMap.apply", values, data, range[0], range[1]);
    }

    /**
     * Colours a 2-D tensor with {@code lo} at the map's start and {@code hi} at its end (clipped outside).
     *
     * @param values {@code [H, W]} or {@code [H, W, 1]}
     * @return an {@code H x W} RGB image
     */
    public Image apply(Tensor values, double lo, double hi) {
        return apply("ColorMap.apply", values, values.toFloatArray(), lo, hi);
    }

    private Image apply(String op, Tensor values, float[] data, double lo, double hi) {
        int[] s = values.shape();
        if (!(s.length == 2 || (s.length == 3 && s[2] == 1))) {
            throw new IllegalArgumentException(op + ": expected a 2-D tensor [H, W] or [H, W, 1], got "
                    + Arrays.toString(s) + (s.length == 1 ? "; reshape it to [H, W] first" : ""));
        }
        Images.checkRange(op, lo, hi);
        return Image.wrap(toBufferedImage(data, s[0], s[1], lo, hi, -1));
    }

    /**
     * Colours row-major values {@code [h, w]}; NaN pixels get {@code nanRgb} when it is {@code >= 0}.
     */
    BufferedImage toBufferedImage(float[] data, int h, int w, double lo, double hi, int nanRgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[h * w];
        double span = hi - lo;
        for (int i = 0; i < rgb.length; i++) {
            float v = data[i];
            rgb[i] = Float.isNaN(v) && nanRgb >= 0 ? nanRgb : rgb((v - lo) / span);
        }
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    /** {@code "ColorMap(coolWarm, diverging)"}. */
    @Override
    public String toString() {
        return "ColorMap(" + name + (diverging ? ", diverging)" : ", sequential)");
    }

    private static int[] grayTable() {
        int[] t = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            t[i] = (i << 16) | (i << 8) | i;
        }
        return t;
    }
}
