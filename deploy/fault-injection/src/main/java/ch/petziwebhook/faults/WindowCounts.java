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
 * @param idCopies accepted sends whose delivery id is in the raw topic more than once
 * @param doubled raw records that no send explains, such as a second record of one send
 * under another delivery id
 * @param wrongState tickets whose read-model row differs from their newest delivery
 * @param documentMismatch tickets whose latest {@code petzi.tickets} document differs
 * from the read model
 */
record WindowCounts(String window, long sent, long accepted, long notAccepted, long inTopic, long projected,
		long missing, long idCopies, long doubled, long wrongState, long documentMismatch) {

	/**
	 * Returns whether any delivery was lost, written twice or ended in the wrong state.
	 */
	boolean hasProblems() {
		return this.idCopies > 0 || hasProblemsBesidesIdCopies();
	}

	/**
	 * Returns whether any delivery was lost or doubled, or any ticket ended in the wrong
	 * state, not counting extra copies of a delivery under its own id. Such a copy
	 * carries the same body and signature time, so it leaves the ticket's state
	 * unchanged.
	 */
	boolean hasProblemsBesidesIdCopies() {
		return this.missing + this.doubled + this.wrongState + this.documentMismatch > 0;
	}

	WindowCounts plus(WindowCounts other) {
		return new WindowCounts(this.window, this.sent + other.sent, this.accepted + other.accepted,
				this.notAccepted + other.notAccepted, this.inTopic + other.inTopic, this.projected + other.projected,
				this.missing + other.missing, this.idCopies + other.idCopies, this.doubled + other.doubled,
				this.wrongState + other.wrongState, this.documentMismatch + other.documentMismatch);
	}

}
