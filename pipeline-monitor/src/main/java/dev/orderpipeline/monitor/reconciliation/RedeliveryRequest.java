package dev.orderpipeline.monitor.reconciliation;

/**
 * Re-deliver one missing event, as reconciliation listed it, to its group's retry path.
 *
 * @param group the consumer group that misses it
 * @param partition where it is on the source topic
 * @param offset where it is on the source topic
 * @param eventId its {@code ce_id}, which the record found there must carry; may be
 * {@code null} for a record that has no valid id
 */
record RedeliveryRequest(String group, Integer partition, Long offset, String eventId) {

}
