package dev.orderpipeline.notification.history;

import java.util.List;

/**
 * One page of notifications, newest first.
 *
 * @param items the notifications on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param hasNext whether a next page exists (no total count: it would cost a scan)
 */
record NotificationPage(List<NotificationView> items, int page, int size, boolean hasNext) {

}
