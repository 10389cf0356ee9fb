package io.kizuna.analytics.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart laid out on the server, drawn by the page as inline SVG (no script, no external
 * resource, nothing the Content-Security-Policy has to allow). Categories run along the x axis (days,
 * services, combinations), one bar per series in each (services, outcomes); every bar carries its own
 * text ({@code <title>}) and every chart is followed by the table holding the same figures, which is
 * what assistive technology reads.
 *
 * @param series legend entries: either a literal label (a service's client id) or a message key
 */
public record BarChart(String id, int width, int height, List<Series> series, List<Bar> bars, List<Tick> yTicks,
                       List<Tick> xLabels, double baseline) {
    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 64;
    /** Palette: each ≥ 3:1 against white (WCAG 1.4.11 non-text contrast); see kizuna-analytics.css. */
    static final int COLOURS = 6;

    public record Series(String label, String messageKey, String css) {
    }

    /** @param text what the bar shows after its series' name, e.g. {@code "2026-02-03: 2"} */
    public record Bar(double x, double y, double w, double h, String css, int series, String text) {
    }

    public record Tick(double x, double y, String text) {
    }

    /** Series are literal labels (services). */
    public static BarChart of(String id, List<String> categories, List<String> seriesLabels, double[][] values) {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < seriesLabels.size(); s++) {
            series.add(new Series(seriesLabels.get(s), null, "series-" + (s % COLOURS)));
        }
        return layout(id, categories, series, values);
    }

    /** Series named by message keys (outcomes such as succeeded / failed). */
    public static BarChart ofKeys(String id, List<String> categories, List<String> seriesKeys, double[][] values) {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < seriesKeys.size(); s++) {
            series.add(new Series(seriesKeys.get(s), seriesKeys.get(s), "series-" + (s % COLOURS)));
        }
        return layout(id, categories, series, values);
    }

    /** @param values {@code values[category][series]}; NaN or 0 draws no bar */
    private static BarChart layout(String id, List<String> categories, List<Series> series, double[][] values) {
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double baseline = TOP + plotH;
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            yTicks.add(new Tick(LEFT, round(baseline - plotH * i / 4), format(v)));
        }
        List<Bar> bars = new ArrayList<>();
        List<Tick> xLabels = new ArrayList<>();
        int n = Math.max(1, categories.size());
        double group = plotW / n;
        double barW = Math.max(1, (group * 0.8) / Math.max(1, series.size()));
        int labelEvery = Math.max(1, (int) Math.ceil(n / 14.0));
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + group * c + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = values[c][s];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double h = top == 0 ? 0 : plotH * v / top;
                bars.add(new Bar(round(gx + barW * s), round(baseline - h), round(barW), round(h),
                        series.get(s).css(), s, categories.get(c) + ": " + format(v)));
            }
            if (c % labelEvery == 0) {
                xLabels.add(new Tick(round(LEFT + group * c + group / 2), baseline + 16, categories.get(c)));
            }
        }
        return new BarChart(id, WIDTH, HEIGHT, series, bars, yTicks, xLabels, baseline);
    }

    public double left() {
        return LEFT;
    }

    public double right() {
        return WIDTH - RIGHT;
    }

    /** 1, 2, 2.5, 5 × 10^k at or above {@code max} (at least 1), so that the four grid lines are round. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String format(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
