package ch.petziwebhook.ingest.spool;

/**
 * A delivery read back from a spool segment, with where its frame lies in the file.
 *
 * @param delivery the delivery
 * @param position the byte offset of the frame in its segment
 * @param end the byte offset just after the frame
 */
record SpooledRecord(RawDelivery delivery, long position, long end) {

}
