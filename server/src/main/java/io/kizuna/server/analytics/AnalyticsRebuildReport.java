package io.kizuna.server.analytics;

import java.util.List;

/**
 * What one analytics rebuild did.
 *
 * @param eventsRead        stored events read in global order up to the swap
 * @param eventsCaughtUp    events appended during the rebuild, indexed again after the swap
 * @param eventsSkipped     stored events older than {@code kizuna.analytics.retention-days}, left out as
 *                          the daily retention would delete them
 * @param eventDocuments    documents in the new events index after the catch-up
 * @param activityDocuments documents in the new activity index after the catch-up
 * @param eventsPerSecond   events read (both phases) per second of the whole rebuild
 */
public record AnalyticsRebuildReport(long eventsRead, long eventsCaughtUp, long eventsSkipped, long eventDocuments,
                                     long activityDocuments, double durationSeconds, double eventsPerSecond,
                                     List<String> oldEventsIndices, String newEventsIndex,
                                     List<String> oldActivityIndices, String newActivityIndex) {
}
