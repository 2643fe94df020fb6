package dev.orderpipeline.notification.orders;

/**
 * A rendered email: what is stored with the notification and later sent as a
 * multipart/alternative message.
 *
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 */
record EmailContent(String subject, String text, String html) {

}
