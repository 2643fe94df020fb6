package dev.orderpipeline.orders.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.orderpipeline.orders.catalog.domain.Shortage;
import dev.orderpipeline.orders.catalog.domain.StockLevel;
import dev.orderpipeline.orders.catalog.domain.StockReservation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The only writer of the {@code stock} table: a new product's empty row and on-hand
 * changes for the catalog's administration (package-private), reservations and releases
 * for placed and cancelled orders (public, the catalog's offer to the order feature). The
 * order feature depends on the catalog, never the other way round.
 *
 * <p>
 * Reserving and releasing send one conditional update per SKU as a single JDBC batch (one
 * round trip). The condition makes the check and the increment one atomic step, so
 * concurrent buyers can never oversell; the entries come sorted by SKU, so concurrent
 * orders lock rows in the same order and cannot deadlock.
 */
@Repository
public class StockRepository {

	private static final String RESERVE = "update stock set reserved = reserved + ? where sku = ? and on_hand - reserved >= ?";

	private static final String RELEASE = "update stock set reserved = reserved - ? where sku = ?";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	StockRepository(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/**
	 * Tries to reserve every entry. Must run in a transaction: when shortages are
	 * returned, the entries that did succeed are still applied and the caller must roll
	 * back.
	 * @return the entries that could not be reserved, empty if all were
	 */
	public List<Shortage> reserve(StockReservation reservation) {
		List<StockReservation.Entry> entries = reservation.entries();
		int[][] counts = this.jdbcTemplate.batchUpdate(RESERVE, entries, entries.size(), (ps, entry) -> {
			ps.setInt(1, entry.quantity());
			ps.setString(2, entry.sku());
			ps.setInt(3, entry.quantity());
		});
		List<StockReservation.Entry> missing = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			if (counts[0][i] == 0) {
				missing.add(entries.get(i));
			}
		}
		return missing.isEmpty() ? List.of() : shortagesOf(missing);
	}

	public void release(StockReservation reservation) {
		List<StockReservation.Entry> entries = reservation.entries();
		this.jdbcTemplate.batchUpdate(RELEASE, entries, entries.size(), (ps, entry) -> {
			ps.setInt(1, entry.quantity());
			ps.setString(2, entry.sku());
		});
	}

	/** The stock row of a product just created: nothing on hand, nothing reserved. */
	void addEmpty(String sku) {
		this.jdbc.sql("insert into stock (sku, on_hand, reserved) values (?, 0, 0)").param(sku).update();
	}

	/**
	 * Locks a product's stock row until the transaction ends, so no reservation can slip
	 * in between a check of it and an update.
	 */
	Optional<StockLevel> lock(String sku) {
		return this.jdbc.sql("select on_hand, reserved from stock where sku = ? for update")
			.param(sku)
			.query((rs, row) -> new StockLevel(rs.getLong("on_hand"), rs.getLong("reserved")))
			.optional();
	}

	void setOnHand(String sku, long onHand) {
		this.jdbc.sql("update stock set on_hand = ? where sku = ?").params(onHand, sku).update();
	}

	// Only SKUs this transaction did not touch are read here, so "available" is what
	// other transactions had committed, not something this failed attempt changed.
	private List<Shortage> shortagesOf(List<StockReservation.Entry> missing) {
		Map<String, Long> available = new HashMap<>();
		this.jdbc.sql("select sku, on_hand - reserved as available from stock where sku = any(?)")
			.param(missing.stream().map(StockReservation.Entry::sku).toArray(String[]::new))
			.query((rs) -> {
				available.put(rs.getString("sku"), rs.getLong("available"));
			});
		return missing.stream()
			.map((entry) -> new Shortage(entry.sku(), entry.quantity(), available.getOrDefault(entry.sku(), 0L)))
			.toList();
	}

}
