package dev.orderpipeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn headless with XChart. */
final class Charts {

	/** Percentiles drawn on the latency chart. */
	private static final double[] PERCENTILES = { 0, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99 };

	private Charts() {
	}

	/**
	 * Latency against percentile, the percentile axis stretched towards the tail: x is
	 * the number of nines (1 = 90 %, 2 = 99 %, 3 = 99.9 %).
	 */
	static void latencies(Path file, Map<String, Histogram> histograms) throws IOException {
		XYChart chart = chart("Latency by percentile (log scale)",
				"percentile as nines: 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99", "milliseconds");
		chart.getStyler().setYAxisLogarithmic(true);
		histograms.forEach((name, histogram) -> {
			if (histogram.getTotalCount() == 0) {
				return;
			}
			double[] x = new double[PERCENTILES.length];
			double[] y = new double[PERCENTILES.length];
			for (int i = 0; i < PERCENTILES.length; i++) {
				x[i] = Math.log10(100.0 / (100.0 - PERCENTILES[i]));
				y[i] = Math.max(0.01, histogram.getValueAtPercentile(PERCENTILES[i]) / 1e6);
			}
			chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
		});
		save(chart, file);
	}

	/** Values per second, one series per run. */
	static void perSecond(Path file, String title, String yTitle, Map<String, long[]> series) throws IOException {
		XYChart chart = chart(title, "seconds since the run started", yTitle);
		series.forEach((name, values) -> {
			if (values.length == 0) {
				return;
			}
			double[] x = new double[values.length];
			double[] y = new double[values.length];
			for (int i = 0; i < values.length; i++) {
				x[i] = i + 0.5;
				y[i] = values[i];
			}
			chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
		});
		save(chart, file);
	}

	/** Sampled series (backlogs, lags) over time. */
	static void sampled(Path file, String title, String yTitle, List<Sampler.Series> series) throws IOException {
		XYChart chart = chart(title, "seconds since the scenario started", yTitle);
		for (Sampler.Series one : series) {
			if (one.points().isEmpty()) {
				continue;
			}
			double[] x = one.points().stream().mapToDouble((point) -> point[0]).toArray();
			double[] y = one.points().stream().mapToDouble((point) -> point[1]).toArray();
			XYSeries added = chart.addSeries(one.name(), x, y);
			added.setMarker(SeriesMarkers.NONE);
		}
		save(chart, file);
	}

	private static XYChart chart(String title, String xTitle, String yTitle) {
		XYChart chart = new XYChartBuilder().width(1100)
			.height(650)
			.title(title)
			.xAxisTitle(xTitle)
			.yAxisTitle(yTitle)
			.build();
		chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
		return chart;
	}

	private static void save(XYChart chart, Path file) throws IOException {
		if (chart.getSeriesMap().isEmpty()) {
			return;
		}
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
