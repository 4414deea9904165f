package ch.petziwebhook.faults;

/**
 * Counts of one fault window, or of the whole run.
 *
 * @param window the fault window's name
 * @param sent requests sent
 * @param accepted sends that got a 200 response
 * @param notAccepted sends that got another status or no response
 * @param inTopic sends with a record in the raw topic
 * @param projected sends whose record is in the projector's delivery log
 * @param missing accepted sends without a record in the raw topic or without a row in the
 * delivery log
 * @param doubled sends whose delivery is in the raw topic more than once, plus records
 * that no send explains
 * @param wrongState tickets whose read-model row differs from their newest delivery
 * @param documentMismatch tickets whose latest {@code petzi.tickets} document differs
 * from the read model
 */
record WindowCounts(String window, long sent, long accepted, long notAccepted, long inTopic, long projected,
		long missing, long doubled, long wrongState, long documentMismatch) {

	/** Returns whether any delivery was lost, doubled or ended in the wrong state. */
	boolean hasProblems() {
		return this.missing + this.doubled + this.wrongState + this.documentMismatch > 0;
	}

	WindowCounts plus(WindowCounts other) {
		return new WindowCounts(this.window, this.sent + other.sent, this.accepted + other.accepted,
				this.notAccepted + other.notAccepted, this.inTopic + other.inTopic, this.projected + other.projected,
				this.missing + other.missing, this.doubled + other.doubled, this.wrongState + other.wrongState,
				this.documentMismatch + other.documentMismatch);
	}

}
