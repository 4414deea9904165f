package ch.petziwebhook.projector.rebuild;

import java.util.List;

/**
 * Comparison of one read model table between the live and the shadow schema.
 *
 * @param table the table name
 * @param liveRows the row count of the live table
 * @param shadowRows the row count of the shadow table
 * @param liveChecksum the md5 checksum of the live table's compared columns
 * @param shadowChecksum the md5 checksum of the shadow table's compared columns
 * @param differences the first primary keys whose rows differ, each followed by
 * {@code (only live)}, {@code (only shadow)} or {@code (differs)}; empty when the tables
 * agree
 */
record TableComparison(String table, long liveRows, long shadowRows, String liveChecksum, String shadowChecksum,
		List<String> differences) {

	boolean agrees() {
		return this.liveRows == this.shadowRows && this.liveChecksum.equals(this.shadowChecksum);
	}

}
