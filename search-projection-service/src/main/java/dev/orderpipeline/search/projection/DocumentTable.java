package dev.orderpipeline.search.projection;

import java.util.regex.Pattern;

/**
 * The name of a table shaped like {@code order_document}: the live one, or a fresh one a
 * rebuild fills before it is swapped in. Table names cannot be bind parameters, so the
 * projection formats them into its SQL; this type makes sure only these names get there.
 *
 * @param name the table name
 */
public record DocumentTable(String name) {

	// Declared before LIVE: static initialisers run in order, and LIVE is checked against
	// it.
	private static final Pattern VALID = Pattern.compile("order_document(_rebuild_[0-9]{1,18})?");

	/** The table the live consumer writes and the search endpoint reads. */
	public static final DocumentTable LIVE = new DocumentTable("order_document");

	public DocumentTable {
		if (!VALID.matcher(name).matches()) {
			throw new IllegalArgumentException("Not an order document table: " + name);
		}
	}

	/**
	 * The table a rebuild fills.
	 * @param rebuildId the rebuild
	 * @return {@code order_document_rebuild_<id>}
	 */
	public static DocumentTable forRebuild(long rebuildId) {
		return new DocumentTable(LIVE.name() + "_rebuild_" + rebuildId);
	}

}
