package io.kubesim.reports.html;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * An {@link XYBlockRenderer} whose items are runs of equal colour: item {@code k} spans
 * {@code widths[k]} on the x axis from its x, one row high, centred on its y. A row of a heatmap
 * that stays one colour for an hour is one SVG rectangle instead of a hundred, and each is only
 * filled (XYBlockRenderer also strokes every block, a second element each).
 */
final class HeatmapRenderer extends XYBlockRenderer {
    private final double[] widths;

    HeatmapRenderer(double[] widths) {
        this.widths = widths.clone();
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        double x = dataset.getXValue(series, item);
        double y = dataset.getYValue(series, item);
        double z = ((XYZDataset) dataset).getZValue(series, item);
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double x0 = domainAxis.valueToJava2D(x, dataArea, xEdge);
        double x1 = domainAxis.valueToJava2D(x + widths[item], dataArea, xEdge);
        double y0 = rangeAxis.valueToJava2D(y - 0.5, dataArea, yEdge);
        double y1 = rangeAxis.valueToJava2D(y + 0.5, dataArea, yEdge);
        // a quarter pixel of overlap hides the hairline seams an anti-aliased edge leaves
        Rectangle2D block = new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1),
                Math.abs(x1 - x0) + 0.25, Math.abs(y1 - y0) + 0.25);
        g2.setPaint(getPaintScale().getPaint(z));
        g2.fill(block);
    }
}
