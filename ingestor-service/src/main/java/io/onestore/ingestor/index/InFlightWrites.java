package io.onestore.ingestor.index;

import java.util.List;

/**
 * The writes in flight, as the bulk answer listener ({@link BulkAnswers}) acts on them: send again, spool, count.
 * The indexer implements it, so the listener needs no indexer and the two do not call each other.
 */
interface InFlightWrites {

    /** Sends writes now, whatever the spool holds (retries, re-merges of conflicting posts, dead letters). */
    void dispatch(List<IndexWrite> writes);

    /** Writes that could not be written: they wait in the spool for a replay. */
    void toSpool(List<IndexWrite> writes);

    /** One more write will be answered later (a retry after a backoff). */
    void awaitingOne();

    /** One write was answered, whatever the answer. */
    void answeredOne();

    /** Elasticsearch did not answer a request: new writes go to the spool until a probe reaches it. */
    void markUnreachable(Throwable cause);
}
