package dev.orderpipeline.search.projection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DocumentTableTests {

	@Test
	void namesTheLiveTableAndRebuildTables() {
		assertThat(DocumentTable.LIVE.name()).isEqualTo("order_document");
		assertThat(DocumentTable.forRebuild(42).name()).isEqualTo("order_document_rebuild_42");
	}

	@Test
	void acceptsNoOtherNameSinceItIsFormattedIntoSql() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DocumentTable("order_document; drop table x"));
		assertThatIllegalArgumentException().isThrownBy(() -> new DocumentTable("processed_event"));
	}

}
