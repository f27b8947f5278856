package io.kubesim.reports.html;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.svg.SVGGraphics2D;

/**
 * JFreeChart charts drawn to inline SVG (JFreeSVG), with the report's look, and the timeline
 * actions as shaded bands behind an XY chart's data, so every chart reads against the same story.
 */
public final class SvgCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts are drawn with no display
        }
    }

    public static final int WIDTH = 960;
    public static final int HEIGHT = 280;
    private static final Color BAND = new Color(255, 196, 0, 48);

    private SvgCharts() {
    }

    /**
     * The chart as an {@code <svg>} element of the given size. {@code id} prefixes the ids of its
     * clip paths and gradients: unique per chart, since several SVGs share one HTML document, and
     * fixed, so the same run draws the same bytes (JFreeSVG's default prefix is time-based).
     */
    public static String svg(String id, JFreeChart chart, int width, int height) {
        chart.setAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        g.setGeomDoubleConverter(SvgCharts::tenthOfPixel);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement();
    }

    /**
     * A coordinate to a tenth of a pixel, which no screen shows finer: JFreeSVG's default writes
     * every float digit ({@code 77.63735961914062}), which makes a line's path several times larger.
     */
    static String tenthOfPixel(double d) {
        return java.math.BigDecimal.valueOf(Math.round(d * 10)).movePointLeft(1).stripTrailingZeros().toPlainString();
    }

    /**
     * The report's look for a line chart: each series drawn as one SVG path (not one element per
     * segment, which would make the page many times larger), no shapes, white background.
     */
    public static void lines(XYPlot plot) {
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(230, 230, 230));
        plot.setRangeGridlinePaint(new Color(230, 230, 230));
    }

    /** Shades each action's window on {@code plot} (x in seconds), labelled at its top. */
    public static void actionBands(XYPlot plot, java.util.List<ReportContext.ActionBand> actions) {
        for (ReportContext.ActionBand a : actions) {
            IntervalMarker m = new IntervalMarker(a.start(), Math.max(a.end(), a.start() + 0.5), BAND);
            m.setLabel(a.label());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
    }
}
